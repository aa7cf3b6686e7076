import { isAntialiasedIn } from './antialiasing.js';
import { pixelWords } from './pixel-words.js';
import { yiqDelta } from './yiq-delta.js';

/** What each compared pixel turned out to be, one byte per pixel. */
export const PIXEL_SAME = 0;
export const PIXEL_CHANGED = 1;
export const PIXEL_ANTIALIASED = 2;
export const PIXEL_IGNORED = 3;

export interface PixelClassification {
  /** One PIXEL_* value per pixel, row by row. */
  states: Uint8Array;
  changed: number;
  antialiased: number;
  ignored: number;
}

/**
 * Classifies every pixel of two RGBA images of the same size. `ignored` (optional, one byte per pixel,
 * non-zero = ignored) becomes PIXEL_IGNORED and is never compared. `maxDelta` is the largest YIQ delta
 * still counted as the same colour (see maxDeltaFor).
 */
export function classifyPixels(
  baseline: Uint8Array,
  current: Uint8Array,
  width: number,
  height: number,
  maxDelta: number,
  detectAntialiasing: boolean,
  ignored: Uint8Array | null = null,
): PixelClassification {
  const pixels = width * height;
  const states = new Uint8Array(pixels);
  const words1 = pixelWords(baseline);
  const words2 = pixelWords(current);
  let changed = 0;
  let antialiased = 0;
  let ignoredCount = 0;
  if (ignored !== null) {
    for (let i = 0; i < pixels; i++) {
      if (ignored[i] === 0) continue;
      states[i] = PIXEL_IGNORED;
      ignoredCount++;
    }
  }
  // Most pixels of two screenshots are identical: scan for the next difference in a loop of its own.
  for (let i = 0; i < pixels; i++) {
    while (i < pixels && words1[i] === words2[i]) i++;
    if (i === pixels || states[i] === PIXEL_IGNORED) continue;
    if (yiqDelta(baseline, current, i * 4) <= maxDelta) continue;
    if (detectAntialiasing) {
      const x = i % width;
      const y = (i - x) / width;
      if (
        isAntialiasedIn(baseline, current, x, y, width, height, maxDelta) ||
        isAntialiasedIn(current, baseline, x, y, width, height, maxDelta)
      ) {
        states[i] = PIXEL_ANTIALIASED;
        antialiased++;
        continue;
      }
    }
    states[i] = PIXEL_CHANGED;
    changed++;
  }
  return { states, changed, antialiased, ignored: ignoredCount };
}
