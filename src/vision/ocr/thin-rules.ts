/**
 * Erases thin rules from the page image: button outlines, input field borders, table rules, underlines.
 *
 * Tesseract's layout analysis drops or distorts text enclosed in a thin frame: the outlined "Export CSV"
 * button of a real Chromium screenshot was read in no page segmentation mode until its top and bottom
 * edges were gone, and a frame's sides stretch the box of the word beside them to the frame's height.
 * Every long thin horizontal run goes; a thin vertical run goes only as the side of a frame, with both
 * ends at an erased horizontal rule: on its own it is too often an "l" or an "I".
 */
import type { GreyImage } from './grey-image.js';

/** Darker than the background by this much is ink. */
const INK_CONTRAST = 48;
/** Rules are at most this thick; text strokes this long are thicker. */
const MAX_THICKNESS = 3;
/** Shorter thin horizontal runs may be strokes of letters ("T", "—"). */
const MIN_LENGTH = 40;
/** A frame's side ends this close to its top and bottom rules (rounded corners leave a gap). */
const CORNER_REACH = 4;

/** The page and its ink threshold: every test below starts with one comparison, false for most pixels. */
interface Ink {
  data: Uint8Array;
  width: number;
  height: number;
  /** Grey levels below this are ink. */
  below: number;
}

/** Whether the vertical run of ink through pixel `i` (row `y`) is at most MAX_THICKNESS tall. */
function thinVertically({ data, width, height, below }: Ink, i: number, y: number): boolean {
  let run = 1;
  for (let d = 1; d <= MAX_THICKNESS && y - d >= 0 && data[i - d * width]! < below; d++) run++;
  for (let d = 1; d <= MAX_THICKNESS && y + d < height && data[i + d * width]! < below; d++) run++;
  return run <= MAX_THICKNESS;
}

/** Whether the horizontal run of not yet erased ink through pixel `i` (column `x`) is at most MAX_THICKNESS wide. */
function thinHorizontally({ data, width, below }: Ink, erased: Uint8Array, i: number, x: number): boolean {
  let run = 1;
  for (let d = 1; d <= MAX_THICKNESS && x - d >= 0 && data[i - d]! < below && !erased[i - d]; d++) run++;
  for (let d = 1; d <= MAX_THICKNESS && x + d < width && data[i + d]! < below && !erased[i + d]; d++) run++;
  return run <= MAX_THICKNESS;
}

function eraseHorizontal(ink: Ink, erased: Uint8Array): void {
  const { data, width, height, below } = ink;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = 0;
    for (let x = 0; x <= width; x++) {
      if (x < width && data[row + x]! < below && thinVertically(ink, row + x, y)) continue;
      if (x - start >= MIN_LENGTH) erased.fill(1, row + start, row + x);
      start = x + 1;
    }
  }
}

/** Whether an erased pixel lies within CORNER_REACH of (x, y), on its row or the side `dy` points to. */
function meetsRule(erased: Uint8Array, width: number, height: number, x: number, y: number, dy: number): boolean {
  for (let d = 0; d <= CORNER_REACH; d++) {
    const row = y + d * dy;
    if (row < 0 || row >= height) return false;
    for (let column = Math.max(0, x - CORNER_REACH); column <= Math.min(width - 1, x + CORNER_REACH); column++) {
      if (column !== x && erased[row * width + column]) return true;
    }
  }
  return false;
}

function eraseFrameSides(ink: Ink, erased: Uint8Array): void {
  const { data, width, height, below } = ink;
  const sides: Array<{ x: number; top: number; bottom: number }> = [];
  // Runs are followed down all columns at once, row by row, which reads memory in order.
  const runStart = new Int32Array(width).fill(-1);
  for (let y = 0; y <= height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      // A frame's corner pixel, measured without the erased rule beside it, is as thin as its side.
      if (y < height && data[i]! < below && (erased[i] || thinHorizontally(ink, erased, i, x))) {
        if (runStart[x]! < 0) runStart[x] = y;
        continue;
      }
      const top = runStart[x]!;
      if (top < 0) continue;
      runStart[x] = -1;
      const bottom = y - 1;
      if (bottom > top && meetsRule(erased, width, height, x, top, -1) && meetsRule(erased, width, height, x, bottom, 1)) {
        sides.push({ x, top, bottom });
      }
    }
  }
  // Marked after the scan, so that one side does not count as a rule for its neighbour column.
  for (const { x, top, bottom } of sides) for (let y = top; y <= bottom; y++) erased[y * width + x] = 1;
}

/** In place: the pixels of thin rules become background. */
export function eraseRules(page: GreyImage, background: number): void {
  const { width, height, data } = page;
  const ink: Ink = { data, width, height, below: background - INK_CONTRAST };
  const erased = new Uint8Array(data.length);
  eraseHorizontal(ink, erased);
  eraseFrameSides(ink, erased);
  for (let i = 0; i < erased.length; i++) if (erased[i]) data[i] = background;
}
