/**
 * The fill of a plate: a badge or a small button, found as one dense mark of ink with its letters (see
 * glyph-lines.ts), or the colour of a grid text touches. Its letters are then found against this fill.
 */
import type { InkMark } from './connected-marks.js';
import { INK_DISTANCE, type InkLayer } from './ink-components.js';
import type { Rgb, RgbImage } from './rgb-image.js';

/** The fill covers at least this share of the mark: a photo has no colour covering as much. */
const MIN_FILL_SHARE = 0.3;

/** A mark's dominant colour, and how much the pixels near it vary: the RMS of their distance from it. */
export interface DominantFill {
  fill: Rgb;
  /** A plate or a grid is drawn in one colour (about 5 on video); a photo's commonest colour is a range. */
  spread: number;
}

/**
 * The dominant colour of a mark's pixels, or null when it covers less than MIN_FILL_SHARE of them: the
 * most common colour at 16 levels a channel, then every pixel within INK_DISTANCE of it, as video noise
 * spreads one fill over neighbouring levels.
 */
export function dominantFill(image: RgbImage, ink: InkLayer, mark: InkMark): DominantFill | null {
  const bins = new Map<number, [number, number, number, number]>();
  const { area } = ink;
  const pixels: number[] = [];
  for (let y = mark.box.y; y < mark.box.y + mark.box.height; y++) {
    for (let x = mark.box.x; x < mark.box.x + mark.box.width; x++) {
      if (ink.labels[(y - area.y) * area.width + x - area.x] !== mark.label) continue;
      const i = (y * image.width + x) * 3;
      pixels.push(i);
      const r = image.data[i]!, g = image.data[i + 1]!, b = image.data[i + 2]!;
      const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
      const bin = bins.get(key);
      if (bin) {
        bin[0]++;
        bin[1] += r;
        bin[2] += g;
        bin[3] += b;
      } else {
        bins.set(key, [1, r, g, b]);
      }
    }
  }
  let best: [number, number, number, number] | undefined;
  for (const bin of bins.values()) if (!best || bin[0] > best[0]) best = bin;
  if (!best) return null;
  const mode: Rgb = [best[1] / best[0], best[2] / best[0], best[3] / best[0]];
  const sum = [0, 0, 0];
  let near = 0, squares = 0;
  for (const i of pixels) {
    const d = (image.data[i]! - mode[0]) ** 2 + (image.data[i + 1]! - mode[1]) ** 2 + (image.data[i + 2]! - mode[2]) ** 2;
    if (d > INK_DISTANCE * INK_DISTANCE) continue;
    near++;
    squares += d;
    for (let k = 0; k < 3; k++) sum[k]! += image.data[i + k]!;
  }
  if (near < MIN_FILL_SHARE * mark.pixels) return null;
  return { fill: [sum[0]! / near, sum[1]! / near, sum[2]! / near], spread: Math.sqrt(squares / near) };
}

/** The fill of a plate (see dominantFill), or null. */
export function plateFill(image: RgbImage, ink: InkLayer, mark: InkMark): Rgb | null {
  return dominantFill(image, ink, mark)?.fill ?? null;
}
