import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../src/vision/ocr/decode-image.js';
import type { GreyImage } from '../src/vision/ocr/grey-image.js';
import { mergeLines } from '../src/vision/ocr/merge-lines.js';
import { splitIntoBands } from '../src/vision/ocr/page-bands.js';
import { eraseRules } from '../src/vision/ocr/thin-rules.js';
import { cropRegion } from '../src/vision/ocr/region-crop.js';
import { findInk } from '../src/vision/ocr/region-ink.js';
import type { RgbImage } from '../src/vision/ocr/rgb-image.js';
import { analyzeLayout } from '../src/vision/ocr/text-regions.js';
import type { Box } from '../src/screen/box.js';
import type { OcrLine } from '../src/screen/ocr-text.js';
import { LOGIN_ERROR_SCREEN, makeScreenshot, scratchDir, WELCOME_SCREEN } from './helpers/media-fixtures.js';

/** Region finding and merging without tesseract: fast, and exact where OCR tests must be tolerant. */

let cleanup: () => Promise<void>;
let loginError: RgbImage;
let welcome: RgbImage;
let blank: RgbImage;

beforeAll(async () => {
  const scratch = await scratchDir('vaider-ocr-layout-');
  cleanup = scratch.cleanup;
  loginError = await decodeImage(await makeScreenshot(path.join(scratch.dir, 'error.png'), LOGIN_ERROR_SCREEN));
  welcome = await decodeImage(await makeScreenshot(path.join(scratch.dir, 'welcome.png'), WELCOME_SCREEN));
  blank = await decodeImage(await makeScreenshot(path.join(scratch.dir, 'blank.png'), { background: 'white' }));
});

afterAll(() => cleanup());

function expectBoxNear(actual: Box, expected: Box, tolerance: number): void {
  expect(Math.abs(actual.x - expected.x)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.y - expected.y)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.width - expected.width)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.height - expected.height)).toBeLessThanOrEqual(tolerance);
}

describe('analyzeLayout', () => {
  it('finds the blue button and the red banner, snapped to their edges, largest first', () => {
    const layout = analyzeLayout(loginError);
    expect(layout.background.every((channel) => channel > 250)).toBe(true);
    expect(layout.regions).toHaveLength(2);
    const [button, banner] = layout.regions;
    expectBoxNear(button!.box, { x: 440, y: 420, width: 400, height: 72 }, 1);
    expectBoxNear(banner!.box, { x: 440, y: 540, width: 400, height: 64 }, 1);
    expect(button!.fill[2]).toBeGreaterThan(200);
    expect(banner!.fill[0]).toBeGreaterThan(200);
  });

  it('finds a header bar touching the page edges', () => {
    const [header] = analyzeLayout(welcome).regions;
    expectBoxNear(header!.box, { x: 0, y: 0, width: 1280, height: 96 }, 1);
  });

  it('finds nothing on a blank page, nor treats black text as regions', () => {
    expect(analyzeLayout(blank).regions).toEqual([]);
    // The welcome page has 56 px black text; only the header may come out.
    expect(analyzeLayout(welcome).regions).toHaveLength(1);
  });
});

describe('findInk and cropRegion', () => {
  it('finds the text on a button, and crops it dark on white, upscaled', () => {
    const [button] = analyzeLayout(loginError).regions;
    const ink = findInk(loginError, button!);
    // "Sign In" is drawn at (580, 438) in 34 px type.
    expect(ink.box!.x).toBeGreaterThanOrEqual(578);
    expect(ink.box!.x).toBeLessThanOrEqual(586);
    expect(ink.box!.y).toBeGreaterThanOrEqual(436);
    expect(ink.lineHeight).toBeGreaterThan(25);
    const crop = cropRegion(loginError, { ...ink, box: ink.box! });
    expect(crop.placement.scale).toBeGreaterThan(1);
    const { data, width } = crop.image;
    expect(data[0]).toBe(255); // padding
    expect(data[Math.floor(crop.image.height / 2) * width + 2]).toBe(255); // fill turned white
    expect(Math.min(...data)).toBeLessThan(40); // text turned black
  });

  it('finds no ink on an empty region', () => {
    expect(findInk(blank, { box: { x: 10, y: 10, width: 200, height: 60 }, fill: [255, 255, 255] }).box).toBeNull();
  });

  it('does not take the page showing through rounded corners for ink', () => {
    // A 60×20 blue pill on white: white corners, and a white "label" in the middle.
    const width = 60;
    const height = 20;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const corner = (x < 4 || x >= width - 4) && (y < 4 || y >= height - 4);
        const label = x >= 20 && x < 40 && y >= 6 && y < 14;
        data.set(corner || label ? [255, 255, 255] : [25, 118, 210], (y * width + x) * 3);
      }
    }
    const ink = findInk({ width, height, data }, { box: { x: 0, y: 0, width, height }, fill: [25, 118, 210] });
    expect(ink.box).toEqual({ x: 20, y: 6, width: 20, height: 8 });
  });
});

function line(text: string, box: Box, confidence: number, source: OcrLine['source']): OcrLine {
  return { text, confidence, box, words: [{ text, confidence, box }], source };
}

describe('mergeLines', () => {
  const button = { x: 580, y: 438, width: 113, height: 33 };

  it('drops a region line the page already read at the same place', () => {
    const merged = mergeLines([line('Sign In', button, 0.9, 'page')], [line('sign in', button, 0.95, 'region')]);
    expect(merged.map((l) => l.source)).toEqual(['page']);
  });

  it('replaces a page misreading at the same place with a surer region reading', () => {
    const merged = mergeLines([line('5ign |n', button, 0.55, 'page')], [line('Sign In', button, 0.92, 'region')]);
    expect(merged.map((l) => l.text)).toEqual(['Sign In']);
  });

  it('rejoins pieces of one line, but not labels set apart on the same row', () => {
    const merged = mergeLines(
      [
        line('release', { x: 251, y: 30, width: 92, height: 20 }, 0.9, 'page'),
        line('Line 1 of the', { x: 82, y: 30, width: 157, height: 20 }, 0.8, 'page'),
        line('notes', { x: 355, y: 31, width: 70, height: 19 }, 0.9, 'page'),
        line('Yesterday', { x: 1080, y: 30, width: 98, height: 19 }, 0.9, 'page'),
      ],
      [],
    );
    expect(merged.map((l) => l.text)).toEqual(['Line 1 of the release notes', 'Yesterday']);
    expect(merged[0]!.box).toEqual({ x: 82, y: 30, width: 343, height: 20 });
    expect(merged[0]!.words).toHaveLength(3);
    expect(merged[0]!.confidence).toBeCloseTo((0.8 + 0.9 + 0.9) / 3);
  });

  it('keeps distinct lines in reading order: rows top to bottom, left to right within a row', () => {
    const merged = mergeLines(
      [
        line('Monday', { x: 1080, y: 150, width: 76, height: 19 }, 0.9, 'page'),
        line('Inbox', { x: 32, y: 100, width: 63, height: 18 }, 0.9, 'page'),
        line('Quarterly report', { x: 301, y: 148, width: 300, height: 23 }, 0.9, 'page'),
      ],
      [line('Save', { x: 30, y: 152, width: 60, height: 19 }, 0.9, 'region')],
    );
    expect(merged.map((l) => l.text)).toEqual(['Inbox', 'Save', 'Quarterly report', 'Monday']);
  });
});

/** A white 200×300 grey image with dark text-like stripes on the given rows. */
function striped(rows: Array<[number, number]>): GreyImage {
  const width = 200;
  const data = new Uint8Array(width * 300).fill(250);
  for (const [from, to] of rows) {
    for (let y = from; y < to; y++) for (let x = 20; x < 180; x += 2) data[y * width + x] = 20;
  }
  return { width, height: 300, data };
}

describe('splitIntoBands', () => {
  it('cuts in the middle of a blank gap', () => {
    const bands = splitIntoBands(striped([[20, 60], [220, 260]]), 2);
    expect(bands.map((b) => [b.top, b.image.height])).toEqual([[0, 140], [140, 160]]);
    expect(bands[1]!.image.data[0]).toBe(250);
  });

  it('balances ink, not height', () => {
    // Three stripes near the top, one near the bottom: halving the height would cut in the 110..240 gap.
    const bands = splitIntoBands(striped([[20, 30], [60, 70], [100, 110], [240, 250]]), 2);
    expect(bands.map((b) => b.top)).toEqual([0, 85]);
  });

  it('does not cut where the gap leaves too little margin', () => {
    // 16 blank rows between the stripes: a cut would leave 8 px above and below, too tight for tesseract.
    expect(splitIntoBands(striped([[20, 60], [76, 120]]), 2)).toHaveLength(1);
  });

  it('keeps one band when there is no gap, and none for a page without ink', () => {
    expect(splitIntoBands(striped([[0, 300]]), 2)).toHaveLength(1);
    expect(splitIntoBands(striped([[20, 60], [220, 260]]), 1)).toHaveLength(1);
    expect(splitIntoBands(striped([]), 2)).toEqual([]);
  });
});

describe('eraseRules', () => {
  /** 200×100, background 250, with dark pixels painted by `draw`. */
  function canvas(draw: (set: (x: number, y: number) => void) => void): GreyImage {
    const image = { width: 200, height: 100, data: new Uint8Array(200 * 100).fill(250) };
    draw((x, y) => {
      image.data[y * 200 + x] = 40;
    });
    return image;
  }
  const dark = (image: GreyImage, x: number, y: number): boolean => image.data[y * image.width + x]! < 100;

  it('erases a 1 px frame with rounded corners, and keeps what it encloses', () => {
    const page = canvas((set) => {
      // Top and bottom rules, and sides stopping short of them as rounded corners do.
      for (let x = 14; x < 186; x++) {
        set(x, 10);
        set(x, 60);
      }
      for (let y = 14; y < 57; y++) {
        set(10, y);
        set(189, y);
      }
      for (let y = 25; y < 45; y++) set(40, y); // an "l" inside
      for (let x = 60; x < 100; x++) for (let y = 30; y < 36; y++) set(x, y); // a thick bar
    });
    eraseRules(page, 250);
    expect(dark(page, 100, 10) || dark(page, 100, 60) || dark(page, 10, 30) || dark(page, 189, 30)).toBe(false);
    expect(dark(page, 40, 30)).toBe(true);
    expect(dark(page, 80, 30) && dark(page, 80, 35)).toBe(true);
  });

  it('keeps short thin strokes and lone vertical ones', () => {
    const page = canvas((set) => {
      for (let x = 20; x < 50; x++) set(x, 80); // a dash, shorter than a rule
      for (let y = 10; y < 90; y++) set(150, y); // a tall lone upright
    });
    eraseRules(page, 250);
    expect(dark(page, 30, 80)).toBe(true);
    expect(dark(page, 150, 50)).toBe(true);
  });
});
