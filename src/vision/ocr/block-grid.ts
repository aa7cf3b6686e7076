import type { Rgb, RgbImage } from './rgb-image.js';

/**
 * The page cut into small square blocks, each with its mean colour and whether it is a flat fill.
 * Region finding works on such grids instead of pixels: about 60 000 cells for a 1280×720 page.
 */
export interface BlockGrid {
  /** Side of a block in pixels; blocks on the right and bottom edges may be smaller. */
  size: number;
  columns: number;
  rows: number;
  /** Mean RGB of each block, three values per block, row-major. */
  mean: Float32Array;
  /** 1 where every channel stays within a narrow range: no glyph edge or gradient inside. */
  uniform: Uint8Array;
}

/** Wide enough for video compression noise on a flat fill, narrow enough to exclude anti-aliased text. */
const UNIFORM_CHANNEL_RANGE = 24;

/** Small enough that a badge around 12 px text still spans a few blocks of its fill. */
function blockSizeFor(image: RgbImage): number {
  return Math.max(4, Math.round(Math.min(image.width, image.height) / 180));
}

export function blockGrid(image: RgbImage): BlockGrid {
  const size = blockSizeFor(image);
  const columns = Math.ceil(image.width / size);
  const rows = Math.ceil(image.height / size);
  const mean = new Float32Array(columns * rows * 3);
  const uniform = new Uint8Array(columns * rows);
  const rgb = image.data;
  for (let row = 0; row < rows; row++) {
    const y0 = row * size;
    const y1 = Math.min(image.height, y0 + size);
    for (let column = 0; column < columns; column++) {
      const x0 = column * size;
      const x1 = Math.min(image.width, x0 + size);
      let sumR = 0, sumG = 0, sumB = 0;
      let minR = 255, minG = 255, minB = 255, maxR = 0, maxG = 0, maxB = 0;
      for (let y = y0; y < y1; y++) {
        for (let i = (y * image.width + x0) * 3, end = (y * image.width + x1) * 3; i < end; i += 3) {
          const r = rgb[i]!, g = rgb[i + 1]!, b = rgb[i + 2]!;
          sumR += r; sumG += g; sumB += b;
          if (r < minR) minR = r;
          if (r > maxR) maxR = r;
          if (g < minG) minG = g;
          if (g > maxG) maxG = g;
          if (b < minB) minB = b;
          if (b > maxB) maxB = b;
        }
      }
      const block = row * columns + column;
      const count = (x1 - x0) * (y1 - y0);
      mean[block * 3] = sumR / count;
      mean[block * 3 + 1] = sumG / count;
      mean[block * 3 + 2] = sumB / count;
      const range = Math.max(maxR - minR, maxG - minG, maxB - minB);
      uniform[block] = range <= UNIFORM_CHANNEL_RANGE ? 1 : 0;
    }
  }
  return { size, columns, rows, mean, uniform };
}

export function blockColour(grid: Pick<BlockGrid, 'mean'>, block: number): [number, number, number] {
  return [grid.mean[block * 3]!, grid.mean[block * 3 + 1]!, grid.mean[block * 3 + 2]!];
}

/**
 * The same blocks seen against a known background: how much of each block is off the background, and
 * the mean colour of that part. A block of a button with a letter in it is mostly fill, and its off-
 * background colour is the fill's; its plain mean would be paled by the white of the letter.
 */
export interface OffBackgroundGrid {
  size: number;
  columns: number;
  rows: number;
  /** Mean RGB of the off-background pixels of each block, three values per block; 0 when there are none. */
  mean: Float32Array;
  /** 0..1: the share of each block's pixels off the background. */
  share: Float32Array;
}

export function offBackgroundGrid(image: RgbImage, grid: BlockGrid, background: Rgb, distance: number): OffBackgroundGrid {
  const { size, columns, rows } = grid;
  const mean = new Float32Array(columns * rows * 3);
  const share = new Float32Array(columns * rows);
  const limit = distance * distance;
  const [bgR, bgG, bgB] = background;
  const rgb = image.data;
  for (let row = 0; row < rows; row++) {
    const y0 = row * size;
    const y1 = Math.min(image.height, y0 + size);
    for (let column = 0; column < columns; column++) {
      const x0 = column * size;
      const x1 = Math.min(image.width, x0 + size);
      let count = 0, sumR = 0, sumG = 0, sumB = 0;
      for (let y = y0; y < y1; y++) {
        for (let i = (y * image.width + x0) * 3, end = (y * image.width + x1) * 3; i < end; i += 3) {
          const r = rgb[i]!, g = rgb[i + 1]!, b = rgb[i + 2]!;
          const dr = r - bgR, dg = g - bgG, db = b - bgB;
          if (dr * dr + dg * dg + db * db <= limit) continue;
          count++;
          sumR += r; sumG += g; sumB += b;
        }
      }
      const block = row * columns + column;
      share[block] = count / ((x1 - x0) * (y1 - y0));
      if (count === 0) continue;
      mean[block * 3] = sumR / count;
      mean[block * 3 + 1] = sumG / count;
      mean[block * 3 + 2] = sumB / count;
    }
  }
  return { size, columns, rows, mean, share };
}
