import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaiderError } from '../src/base/errors.js';
import { decodeImage } from '../src/vision/ocr/decode-image.js';
import { createOcrEngine, type OcrEngine } from '../src/vision/ocr/ocr-engine.js';
import { pageImage } from '../src/vision/ocr/page-image.js';
import { findInk } from '../src/vision/ocr/region-ink.js';
import { analyzeLayout } from '../src/vision/ocr/text-regions.js';
import type { Box } from '../src/screen/box.js';
import type { OcrLine, OcrResult } from '../src/screen/ocr-text.js';
import {
  LOGIN_ERROR_SCREEN,
  LOGIN_SCREEN,
  makeScreenshot,
  scratchDir,
  WELCOME_SCREEN,
  type ScreenSpec,
} from './helpers/media-fixtures.js';

/** Real tesseract on generated screens: assertions tolerate OCR noise in case, punctuation and a few pixels. */

const DARK_THEME_SCREEN: ScreenSpec = {
  background: '0x121212',
  texts: [
    { text: 'Notification settings', x: 120, y: 100, size: 40, color: '0xe0e0e0' },
    { text: 'Mute all channels', x: 120, y: 220, size: 28, color: '0xb0b0b0' },
  ],
};

/**
 * A dark page with a slate sidebar, a light dialog, a blue button inside it, and a yellow badge with
 * black text: every kind of region, both lightnesses, nested.
 */
const DARK_DIALOG_SCREEN: ScreenSpec = {
  background: '0x121212',
  boxes: [
    { x: 0, y: 0, w: 240, h: 720, color: '0x263238' },
    { x: 400, y: 200, w: 600, h: 300, color: '0xf5f5f5' },
    { x: 440, y: 400, w: 200, h: 56, color: '0x1a73e8' },
    { x: 1040, y: 40, w: 180, h: 40, color: '0xfbbc04' },
  ],
  texts: [
    { text: 'Overview', x: 30, y: 60, size: 22, color: '0xcfd8dc' },
    { text: 'Billing', x: 30, y: 110, size: 22, color: '0xcfd8dc' },
    { text: 'Delete this project?', x: 440, y: 240, size: 30, color: '0x202124' },
    { text: 'Confirm', x: 490, y: 413, size: 24, color: 'white' },
    { text: 'Upgrade plan', x: 1060, y: 48, size: 20, color: 'black' },
  ],
};

/** Small white labels on coloured badges, where upscaling the crop matters. */
const BADGES_SCREEN: ScreenSpec = {
  background: 'white',
  boxes: [
    { x: 100, y: 100, w: 90, h: 20, color: '0xd93025' },
    { x: 300, y: 100, w: 120, h: 24, color: '0x188038' },
  ],
  texts: [
    { text: 'Urgent', x: 118, y: 103, size: 12, color: 'white' },
    { text: 'Approved', x: 322, y: 105, size: 14, color: 'white' },
  ],
};

/** Twelve lines of black text and no coloured region: one long page pass and nothing queued behind it. */
const TEXT_ONLY_SCREEN: ScreenSpec = {
  background: 'white',
  texts: Array.from({ length: 12 }, (_, i) => ({ text: `Line ${i + 1} of the release notes for version 2.4`, x: 80, y: 30 + i * 56, size: 26 })),
};

/** A faint grey sidebar: too close to white to be a region, yet enough to upset tesseract's threshold. */
const FAINT_SIDEBAR_SCREEN: ScreenSpec = {
  background: 'white',
  boxes: [{ x: 0, y: 0, w: 300, h: 720, color: '0xe8e8e8' }],
  texts: [
    { text: 'Overview', x: 30, y: 60, size: 22, color: '0x202124' },
    { text: 'Reports', x: 30, y: 110, size: 22, color: '0x202124' },
    { text: 'Billing', x: 30, y: 160, size: 22, color: '0x202124' },
    { text: 'Project settings', x: 400, y: 60, size: 40, color: '0x202124' },
  ],
};

/** A 1 px outlined button: its frame makes tesseract stretch the word's box to the frame's height. */
const OUTLINED_BUTTON_SCREEN: ScreenSpec = {
  background: '0xfafafa',
  boxes: [
    { x: 515, y: 204, w: 116, h: 1, color: '0x3f51b5' },
    { x: 515, y: 241, w: 116, h: 1, color: '0x3f51b5' },
    { x: 515, y: 204, w: 1, h: 38, color: '0x3f51b5' },
    { x: 630, y: 204, w: 1, h: 38, color: '0x3f51b5' },
  ],
  texts: [{ text: 'Export CSV', x: 534, y: 216, size: 14, color: '0x3f51b5' }],
};

const BLUE_BUTTON: Box = { x: 440, y: 420, width: 400, height: 72 };

let dir: string;
let cleanup: () => Promise<void>;
let engine: OcrEngine;
const shots: Record<string, string> = {};

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-ocr-'));
  const screens = {
    login: LOGIN_SCREEN,
    error: LOGIN_ERROR_SCREEN,
    welcome: WELCOME_SCREEN,
    dark: DARK_THEME_SCREEN,
    dialog: DARK_DIALOG_SCREEN,
    badges: BADGES_SCREEN,
    textOnly: TEXT_ONLY_SCREEN,
    outlined: OUTLINED_BUTTON_SCREEN,
    faintSidebar: FAINT_SIDEBAR_SCREEN,
    blank: { background: 'white' },
  };
  for (const [name, screen] of Object.entries(screens)) {
    shots[name] = await makeScreenshot(path.join(dir, `${name}.png`), screen);
  }
  engine = createOcrEngine();
});

afterAll(async () => {
  await engine.close();
  await cleanup();
});

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function findLine(result: OcrResult, text: string): OcrLine | undefined {
  return result.lines.find((line) => normalise(line.text).includes(normalise(text)));
}

function expectLine(result: OcrResult, text: string): OcrLine {
  const line = findLine(result, text);
  expect(line, `no line reading "${text}" in:\n${result.text}`).toBeDefined();
  return line!;
}

function expectInside(inner: Box, outer: Box, tolerance: number): void {
  expect(inner.x).toBeGreaterThanOrEqual(outer.x - tolerance);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y - tolerance);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width + tolerance);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height + tolerance);
}

async function expectVaiderError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaiderError);
  expect((error as VaiderError).code).toBe(code);
}

describe('OCR engine', () => {
  it('reads the login page, including the white-on-blue button, with page coordinates', async () => {
    const result = await engine.recognize(shots.login!);
    expect(result.width).toBe(1280);
    expect(result.height).toBe(720);
    const title = expectLine(result, 'Sign in to continue');
    expect(title.source).toBe('page');
    expectInside(title.box, { x: 440, y: 120, width: 420, height: 50 }, 6);

    const button = result.lines.find((line) => normalise(line.text) === 'sign in');
    expect(button, result.text).toBeDefined();
    expect(button!.confidence).toBeGreaterThan(0.6);
    expectInside(button!.box, BLUE_BUTTON, 4);
    // Drawn at (580, 438) in 34 px type: checks the crop's boxes were mapped back, not merely clamped.
    expect(Math.abs(button!.box.x - 582)).toBeLessThanOrEqual(8);
    expect(Math.abs(button!.box.y - 440)).toBeLessThanOrEqual(8);
    expect(button!.source).toBe('region');
    expectInside(button!.region!, BLUE_BUTTON, 2);
    expectInside(BLUE_BUTTON, button!.region!, 2);
    for (const word of button!.words) expectInside(word.box, button!.box, 0);
  });

  it('reads the white-on-red error banner', async () => {
    const result = await engine.recognize(shots.error!);
    const banner = expectLine(result, 'Invalid password');
    expectInside(banner.box, { x: 440, y: 540, width: 400, height: 64 }, 4);
    expectLine(result, 'Sign in to continue');
  });

  it('reads the welcome page and its white-on-navy header', async () => {
    const result = await engine.recognize(shots.welcome!);
    expectLine(result, 'Welcome, Alice');
    expectLine(result, 'You have 3 new messages');
    const header = expectLine(result, 'Dashboard');
    expectInside(header.box, { x: 0, y: 0, width: 1280, height: 96 }, 0);
  });

  it('lists lines top to bottom and joins them as the text', async () => {
    const result = await engine.recognize(shots.welcome!);
    const order = ['dashboard', 'welcome', 'messages'].map((word) => normalise(result.text).indexOf(word));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(result.text).toBe(result.lines.map((line) => line.text).join('\n'));
  });

  it('reads a dark-theme page', async () => {
    const result = await engine.recognize(shots.dark!);
    expectLine(result, 'Notification settings');
    expectLine(result, 'Mute all channels');
  });

  it('reads a sidebar, a dialog, a button and a badge on a dark page', async () => {
    const result = await engine.recognize(shots.dialog!);
    expectLine(result, 'Overview');
    expectLine(result, 'Billing');
    expectLine(result, 'Delete this project');
    expectInside(expectLine(result, 'Confirm').box, { x: 440, y: 400, width: 200, height: 56 }, 4);
    expectInside(expectLine(result, 'Upgrade plan').box, { x: 1040, y: 40, width: 180, height: 40 }, 4);
  });

  it('reads every item of a faint sidebar', async () => {
    const result = await engine.recognize(shots.faintSidebar!);
    for (const item of ['Overview', 'Reports', 'Billing', 'Project settings']) expectLine(result, item);
  });

  it('reads small labels on coloured badges', async () => {
    const result = await engine.recognize(shots.badges!);
    expectLine(result, 'Urgent');
    expectLine(result, 'Approved');
  });

  it('reads an outlined button with boxes as tall as its text, not its frame', async () => {
    const line = expectLine(await engine.recognize(shots.outlined!), 'Export CSV');
    for (const word of line.words) expectInside(word.box, { x: 530, y: 212, width: 90, height: 20 }, 0);
  });

  it('gives no lines for a blank page', async () => {
    const result = await engine.recognize(shots.blank!);
    expect(result.lines).toEqual([]);
    expect(result.text).toBe('');
    expect(result.width).toBe(1280);
  });

  it('drops words tesseract is unsure of, and words with no letter or digit', async () => {
    // "Password: ********" — tesseract reads the asterisks as garbage at near-zero confidence.
    const result = await engine.recognize(shots.login!);
    const password = expectLine(result, 'Password');
    expect(password.words.every((word) => word.confidence >= 0.5 && /[a-z0-9]/i.test(word.text))).toBe(true);
    expect(normalise(password.text)).toBe('password');
  });

  it('accepts an encoded image in a Buffer', async () => {
    const result = await engine.recognize(await readFile(shots.error!));
    expectLine(result, 'Invalid password');
  });

  it('rejects a file that is not an image with INPUT_NOT_MEDIA', async () => {
    const notAnImage = path.join(dir, 'x.png');
    await writeFile(notAnImage, 'this is text, not a PNG');
    await expectVaiderError(engine.recognize(notAnImage), 'INPUT_NOT_MEDIA');
  });

  it('rejects a missing file with INPUT_NOT_FOUND', async () => {
    await expectVaiderError(engine.recognize(path.join(dir, 'missing.png')), 'INPUT_NOT_FOUND');
  });

  it('rejects an already aborted signal with its reason', async () => {
    const reason = new Error('stop now');
    await expect(engine.recognize(shots.login!, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('stops the busy worker when aborted mid-recognition, then recovers', async () => {
    await engine.recognize(shots.blank!); // workers warm, so the abort lands inside tesseract
    // How long the recognition takes on this machine, as it is loaded now: the abort must end it sooner.
    let started = performance.now();
    await engine.recognize(shots.textOnly!);
    const whole = performance.now() - started;
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    // No coloured region: nothing waits in the queue, so only the worker's own abort can end this early.
    const pending = engine.recognize(shots.textOnly!, controller.signal);
    setTimeout(() => {
      started = performance.now();
      controller.abort(reason);
    }, 30);
    await expect(pending).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(whole);
    // The busy worker was stopped; the next call gets a fresh one.
    expectLine(await engine.recognize(shots.textOnly!), 'Line 12 of the release notes');
  });

  it('rejects bad options with BAD_ARGUMENT', () => {
    expect(() => createOcrEngine({ workers: 0 })).toThrow(VaiderError);
    expect(() => createOcrEngine({ minConfidence: 1.5 })).toThrow(VaiderError);
  });
});

describe('page image', () => {
  it('has one light background: same-lightness regions flattened, opposite ones blanked', async () => {
    const image = await decodeImage(shots.dialog!);
    const layout = analyzeLayout(image);
    const page = pageImage(image, layout, layout.regions.map((region) => findInk(image, region)));
    const at = (x: number, y: number): number => page.data[y * page.width + x]!;
    const background = at(1200, 700);
    expect(background).toBeGreaterThan(200); // the near-black page, negated
    expect(Math.abs(at(200, 600) - background)).toBeLessThanOrEqual(2); // the slate sidebar's fill
    expect(Math.abs(at(700, 450) - background)).toBeLessThanOrEqual(2); // the light dialog, blanked
    // Sidebar text stays dark on it: the darkest pixel of "Overview".
    let darkest = 255;
    for (let y = 60; y < 80; y++) for (let x = 30; x < 130; x++) darkest = Math.min(darkest, at(x, y));
    expect(darkest).toBeLessThan(60);
  });
});

describe('OCR engine lifecycle', () => {
  it('queues concurrent recognitions on a single worker', async () => {
    const single = createOcrEngine({ workers: 1 });
    try {
      const [login, welcome] = await Promise.all([single.recognize(shots.login!), single.recognize(shots.welcome!)]);
      expectLine(login, 'Sign in to continue');
      expectLine(welcome, 'Dashboard');
    } finally {
      await single.close();
    }
  });

  it('applies minConfidence', async () => {
    const strict = createOcrEngine({ workers: 1, minConfidence: 0.99 });
    try {
      // Tesseract's LSTM never reports more than about 0.96 for a word.
      expect((await strict.recognize(shots.welcome!)).lines).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('rejects a recognition in progress when closed, and any after', async () => {
    const closing = createOcrEngine({ workers: 1 });
    const cancelled = expectVaiderError(closing.recognize(shots.login!), 'CANCELLED');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closing.close();
    await cancelled;
    await expectVaiderError(closing.recognize(shots.login!), 'CANCELLED');
  });

  it('reuses its workers and lets the process exit after close(), printing nothing', async () => {
    const engineModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/vision/ocr/ocr-engine.ts');
    const script = path.join(dir, 'exit-check.mts');
    await writeFile(
      script,
      [
        `import { createOcrEngine } from ${JSON.stringify(engineModule)};`,
        `const engine = createOcrEngine({ workers: 1 });`,
        `const first = await engine.recognize(${JSON.stringify(shots.welcome)});`,
        `const second = await engine.recognize(${JSON.stringify(shots.error)});`,
        `await engine.close();`,
        `process.stdout.write(JSON.stringify([first.text, second.text]));`,
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill(), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    expect(stderr).toBe('');
    expect(code).toBe(0); // killed by the timer (a leaked thread keeping the process alive) gives null
    const [first, second] = JSON.parse(stdout) as [string, string];
    expect(normalise(first)).toContain('welcome alice');
    expect(normalise(second)).toContain('invalid password');
  });
});
