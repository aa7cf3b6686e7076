import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine } from '../src/vision/ocr/ocr-engine.js';
import { intersectionArea, type Box } from '../src/screen/box.js';
import type { OcrLine, OcrResult } from '../src/screen/ocr-text.js';

/**
 * Real tesseract on real Chromium pixels: the pages under tests/fixtures/ocr reproduce screens on which
 * OCR was measured to fail (2048, jest in a terminal, a dialog title), plus ordinary screens on which
 * nothing may be reported illegible. Rendered once by tests/fixtures/ocr/render.ts.
 */

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures', 'ocr', `${name}.png`);

/** Letters and digits only: OCR noise in spaces, case and punctuation does not count. */
const squeeze = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function findLine(result: OcrResult, text: string): OcrLine | undefined {
  return result.lines.find((line) => squeeze(line.text).includes(squeeze(text)));
}

function expectLine(result: OcrResult, text: string): OcrLine {
  const line = findLine(result, text);
  expect(line, `no line reading "${text}" in:\n${result.text}`).toBeDefined();
  return line!;
}

function expectInside(inner: Box, outer: Box): void {
  expect(inner.x).toBeGreaterThanOrEqual(outer.x);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height);
}

/** 2048's board in the fixtures: the container at (390, 184), 15 px gaps, 106.25 px tiles. */
const tileBox = (row: number, column: number): Box => ({
  x: Math.floor(390 + 15 + column * 121.25),
  y: Math.floor(184 + 15 + row * 121.25),
  width: 107,
  height: 107,
});

let engine: OcrEngine;
const results = new Map<string, OcrResult>();
const read = async (name: string): Promise<OcrResult> => {
  if (!results.has(name)) results.set(name, await engine.recognize(fixture(name)));
  return results.get(name)!;
};

beforeAll(() => {
  engine = createOcrEngine();
});

afterAll(() => engine.close());

describe('OCR of screens that defeated the first pass', () => {
  it('reads large white text on 2048\'s translucent overlay', async () => {
    const line = expectLine(await read('2048-game-over'), 'Game over');
    expect(line.confidence).toBeGreaterThan(0.8);
    expectInside(line.box, { x: 390, y: 184, width: 500, height: 500 });
  });

  it('reads every tile of a 2048 board, white digits on tan and orange as well as dark on pale', async () => {
    const result = await read('2048-tiles');
    const board = ['2 4 8 16', '32 64 128 256', '512 8 . 2', '16 . 4 .'].map((row) => row.split(' '));
    board.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === '.') return;
        const tile = result.lines
          .flatMap((line) => line.words)
          .find((word) => squeeze(word.text) === value && intersectionArea(word.box, tileBox(r, c)) > 0);
        expect(tile, `tile ${value} at row ${r}, column ${c} not read in:\n${result.text}`).toBeDefined();
        expect(tile!.confidence).toBeGreaterThan(0.8);
      }),
    );
  });

  it('reads jest\'s badges and the paths after them in a dark terminal', async () => {
    const result = await read('terminal-jest');
    for (const [badge, file] of [
      ['PASS', 'src/utils/format.test.ts'],
      ['FAIL', 'src/api/client.test.ts'],
      ['PASS', 'src/hooks/useAuth.test.ts'],
      ['RUNS', 'src/components/Button.test.tsx'],
    ] as const) {
      const path = expectLine(result, file);
      const badgeLine = result.lines.find(
        (line) => squeeze(line.text).startsWith(squeeze(badge)) && Math.abs(line.box.y - path.box.y) < 8,
      );
      expect(badgeLine, `no ${badge} badge beside ${file} in:\n${result.text}`).toBeDefined();
    }
    // The path is one word, as text matching compares word by word.
    expect(expectLine(result, 'src/api/client.test.ts').words.some((word) => word.text === 'src/api/client.test.ts')).toBe(true);
    expectLine(result, 'Test Suites: 1 failed, 2 passed, 4 total');
    expectLine(result, 'Ran all test suites related to changed files.');
  });

  it('reads 12 px badges and paths on a black terminal', async () => {
    const result = await read('terminal-xterm');
    for (const file of ['tests/catalog.spec.js', 'tests/search.spec.js', 'tests/payments/refund.spec.js', 'tests/payments/invoice.spec.js']) {
      expectLine(result, file);
    }
    const badges = result.lines.flatMap((line) => line.words).filter((word) => ['PASS', 'FAIL', 'RUNS'].includes(word.text));
    expect(badges.map((word) => word.text).sort()).toEqual(['FAIL', 'FAIL', 'PASS', 'PASS', 'PASS', 'RUNS']);
    expectLine(result, 'npm ERR! Test failed.');
  });

  it('keeps a dialog title whole when one word in it is unsure', async () => {
    const title = expectLine(await read('dialog-title'), 'Remove Zo');
    // "Remove Zoë Þórsdóttir?": tesseract is unsure of the name, not of the title around it.
    expect(title.words.length).toBeGreaterThanOrEqual(3);
    expect(squeeze(title.words.at(-1)!.text)).toMatch(/rsdottir$/);
  });

  it('reads the page dimmed behind the dialog', async () => {
    const result = await read('dialog-title');
    for (const text of ['Workspace members', 'Alice Martin', 'Kenji Watanabe', 'Cancel']) expectLine(result, text);
  });
});

describe('illegible places', () => {
  it('names text that is plainly there but unreadable: a blurred toast, a script the model lacks', async () => {
    const result = await read('illegible-text');
    const toast = { x: 440, y: 520, width: 440, height: 48 };
    const notice = { x: 48, y: 167, width: 592, height: 48 };
    const illegible = result.illegible ?? [];
    expect(illegible.some((box) => intersectionArea(box, toast) > 0), JSON.stringify(illegible)).toBe(true);
    expect(illegible.some((box) => intersectionArea(box, notice) > 0), JSON.stringify(illegible)).toBe(true);
    for (const text of ['Order history', 'Your last order shipped on Monday']) {
      const line = expectLine(result, text);
      expect(illegible.every((box) => intersectionArea(box, line.box) === 0)).toBe(true);
    }
  });

  /** The chart's axis labels ("W1" to "W10", 11 px grey) are text, and tesseract misreads some of them. */
  const AXIS_LABELS: Box = { x: 320, y: 420, width: 500, height: 20 };

  it.each([
    ['login-form', ['Sign in', 'Use your Acme account', 'Forgot password?', 'Continue with Google'], []],
    ['table', ['Team members', 'Alice Martin', 'Suspended', 'Last active'], []],
    ['dark-sidebar', ['Dashboard', 'Analytics', 'Overview', 'Team offsite, Lisbon'], [AXIS_LABELS]],
  ] as Array<[string, string[], Box[]]>)(
    'names none on an ordinary screen with icons, photos, rules, a caret and emoji (%s)',
    async (name, texts, smallText) => {
      const result = await read(name);
      for (const box of result.illegible ?? []) {
        expect(smallText.some((text) => intersectionArea(box, text) === box.width * box.height), JSON.stringify(box)).toBe(true);
      }
      for (const text of texts) expectLine(result, text);
    },
  );
});
