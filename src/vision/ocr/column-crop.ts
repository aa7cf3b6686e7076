/**
 * Draws a run of unread ink against the colour above and below it, column by column, rather than against
 * the local backgrounds: the last try on text that read as nothing. White text on a gradient (a toast
 * fading from teal to lime) stands on colours no flat area votes for, so that the gradient's own bands
 * come out as ink, joined to the letters; the colour right above and below the text is the gradient's
 * at that column.
 */
import type { Box } from '../../screen/box.js';
import { cropBox, placeCrop, TARGET_LINE_HEIGHT } from './ink-crop.js';
import type { RegionCrop } from './region-crop.js';
import type { RgbImage } from './rgb-image.js';
import type { UnreadInk } from './unread-ink.js';

/** Rows above and below the ink, in line heights, whose colour is the background of their column. */
const BAND = 0.25;
/**
 * Distances up to NOISE are background (video noise, the gradient's step over a few pixels); the ink is
 * black from the distance that STRONGEST_SHARE of the crop's pixels stay under, and at least MIN_INK.
 */
const NOISE = 20;
const STRONGEST_SHARE = 0.98;
const MIN_INK = 40;

/** The per-channel median colour of column `x` over `rows`. */
function columnColour(image: RgbImage, x: number, rows: readonly number[]): [number, number, number] {
  const channel = (k: number): number => {
    const values = rows.map((y) => image.data[(y * image.width + x) * 3 + k]!).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  return [channel(0), channel(1), channel(2)];
}

/** The rows of `crop` within BAND line heights of its top and bottom edges. */
function bandRows(crop: Box, unread: UnreadInk): number[] {
  const band = Math.max(1, Math.min(Math.floor(crop.height / 2), Math.round(BAND * unread.lineHeight)));
  return Array.from({ length: band }, (_, d) => [crop.y + d, crop.y + crop.height - 1 - d]).flat();
}

export function cropAgainstColumns(image: RgbImage, unread: UnreadInk, lineHeight = TARGET_LINE_HEIGHT): RegionCrop {
  const crop = cropBox(image, unread);
  const rows = bandRows(crop, unread);
  const grey = new Float32Array(crop.width * crop.height);
  for (let x = 0; x < crop.width; x++) {
    const [r, g, b] = columnColour(image, crop.x + x, rows);
    for (let y = 0; y < crop.height; y++) {
      const i = ((crop.y + y) * image.width + crop.x + x) * 3;
      grey[y * crop.width + x] = Math.hypot(image.data[i]! - r, image.data[i + 1]! - g, image.data[i + 2]! - b);
    }
  }
  const sorted = Float32Array.from(grey).sort();
  const strongest = Math.max(MIN_INK, sorted[Math.floor(STRONGEST_SHARE * (sorted.length - 1))]!);
  for (let p = 0; p < grey.length; p++) grey[p] = 255 * (1 - Math.min(1, Math.max(0, grey[p]! - NOISE) / (strongest - NOISE)));
  return placeCrop(grey, crop, unread, lineHeight);
}
