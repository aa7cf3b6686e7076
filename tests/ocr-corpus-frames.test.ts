import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine } from '../src/vision/ocr/ocr-engine.js';
import type { OcrLine, OcrResult } from '../src/screen/ocr-text.js';

/**
 * Real tesseract on crops of frames of the corpus recordings (tests/corpus), decoded as Vaider decodes
 * them: H.264 and VP9 with chroma subsampling, which smears coloured letters and badge edges. Each was
 * cut with the bundled ffmpeg: `ffmpeg -ss <t> -i tests/corpus/<video> -frames:v 1 -vf crop=<w>:<h>:<x>:<y>`.
 */

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures', 'ocr', `${name}.png`);

const squeeze = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function expectLine(result: OcrResult, text: string): OcrLine {
  const line = result.lines.find((candidate) => squeeze(candidate.text).includes(squeeze(text)));
  expect(line, `no line reading "${text}" in:\n${result.text}`).toBeDefined();
  return line!;
}

function expectWord(result: OcrResult, text: string): void {
  const words = result.lines.flatMap((line) => line.words.map((word) => word.text));
  expect(words, result.text).toContain(text);
}

let engine: OcrEngine;
const results = new Map<string, Promise<OcrResult>>();
const read = (name: string): Promise<OcrResult> => {
  if (!results.has(name)) results.set(name, engine.recognize(fixture(name)));
  return results.get(name)!;
};

beforeAll(() => {
  engine = createOcrEngine();
});

afterAll(() => engine.close());

describe('coloured text and badges in a dark terminal (xterm-jest-badges.mp4)', () => {
  // t=11 s, crop=400:100:0:405: the summary, "1 failed" in red, "2 passed" in green, labels in white.
  it('reads red and green counts as well as the white text around them', async () => {
    const result = await read('xterm-jest-summary');
    expectLine(result, 'Test Suites: 1 failed, 2 passed, 3 total');
    expectLine(result, '1 failed, 4 passed, 5 total');
    expect(result.illegible).toEqual([]);
  });

  // t=11 s, crop=330:150:0:28: a dark-on-red FAIL badge under a dark-on-green PASS one, "25" in dark red.
  it('reads a FAIL badge stacked under a PASS badge, and a dark red number', async () => {
    const result = await read('xterm-jest-failure');
    expectWord(result, 'PASS');
    expectWord(result, 'FAIL');
    expectLine(result, 'Received: 25');
    expectLine(result, 'Expected: 20');
  });

  // t=8.3 s, crop=330:100:0:28: a PASS badge, then two RUNS badges (dark on yellow) touching each other.
  it('reads badges of one colour that touch', async () => {
    const result = await read('xterm-jest-runs');
    expect(result.lines.flatMap((line) => line.words).filter((word) => word.text === 'RUNS')).toHaveLength(2);
    expectWord(result, 'PASS');
  });
});

describe('struck-through text (todomvc-jquery-mobile.mp4)', () => {
  // t=17 s, crop=390:200:0:190: three completed to-dos, grey with a line through the middle.
  it('reads completed to-dos through the line struck across them', async () => {
    const result = await read('todomvc-completed');
    for (const text of ['Renew car insurance', 'Send invoice #43', 'Plan Lisbon trip']) expectLine(result, text);
    expect(result.illegible).toEqual([]);
  });
});

describe('large text on a translucent overlay over a game board (2048-game-over.webm)', () => {
  // Frames as the text timeline decodes them (fps=10, bicubic to RGB), crop=560:240:232:330: the text
  // touches the gaps between the tiles, which makes one mark of the board's grid and the letters.
  it('reads "Game over!" in dark grey on the light overlay', async () => {
    const line = expectLine(await read('2048-game-over-video'), 'Game over');
    expect(line.confidence).toBeGreaterThan(0.8);
  });

  it('reads "You win!" in white on the gold overlay while it fades in (t=3.2 s)', async () => {
    expectLine(await read('2048-you-win-video'), 'You win');
  });
});

describe('more text on real recordings', () => {
  // toastify-demo.webm, 1 fps frame at 6-7 s, crop=400:100:880:0: white text on a teal-to-lime gradient.
  it('reads a toast on a gradient, and names no place of it illegible', async () => {
    const result = await read('toastify-gradient');
    expectLine(result, 'Happy toasting');
    expect(result.illegible).toEqual([]);
  });

  // toastify-demo.webm, crop=880:100:0:0 at 7-8 s: the page's background pattern of waves and zigzags.
  it('takes no wave or zigzag of a background pattern for illegible text', async () => {
    expect((await read('toastify-pattern')).illegible).toEqual([]);
  });

  // todomvc-react-long-typing.webm at t=3.0 s (timeline decode), crop=1280:260:0:0: the caret touches the "k".
  it('reads a word being typed, with the caret touching its last letter', async () => {
    const result = await read('todomvc-typing-caret');
    expectLine(result, 'Buy milk');
    expect(result.illegible).toEqual([]);
  });

  // codemirror-dark-theme.webm at t=4.3 s (timeline decode), crop=400:120:300:40: on video the first line
  // of code joins the editor's top edge in one mark, twice the line's height.
  it('names no place illegible where a line read covers most of its ink', async () => {
    const result = await read('codemirror-editor-top');
    expectLine(result, 'function findSequence(goal)');
    expect(result.illegible).toEqual([]);
  });

  // 2048-game-over.webm at t=0.3 s (timeline decode), crop=300:90:480:10: "+18204" rising in grey over the white score.
  it('reads two numbers drawn over each other, one colour at a time', async () => {
    const result = await read('2048-score-added');
    expectWord(result, '+18204');
    expect(result.illegible).toEqual([]);
  });
});
