/**
 * What is drawn on a coloured region, told apart from its fill by colour distance: white on blue,
 * black on yellow and grey on navy are all found the same way.
 */
import type { Box } from '../../screen/box.js';
import { fillAt } from './region-fill.js';
import type { RgbImage } from './rgb-image.js';
import type { ColourRegion } from './text-regions.js';

export interface RegionInk {
  region: ColourRegion;
  /** Over the region's box, row-major: 1 where a pixel is ink. */
  mask: Uint8Array;
  /** Bounding box of the ink in page pixels; null when nothing but specks is drawn on the region. */
  box: Box | null;
  /** Height of the tallest band of rows holding ink: the text line height for a one-line button. */
  lineHeight: number;
}

/** A region with something drawn on it: the ones worth reading. */
export interface InkedRegion extends RegionInk {
  box: Box;
}

export function hasInk(ink: RegionInk): ink is InkedRegion {
  return ink.box !== null;
}

/** RGB distance from the fill beyond which a pixel is ink; anti-aliased fringes fall below it. */
const INK_DISTANCE = 64;
/** Fewer ink pixels than this is a speck of noise or a divider, not text. */
const MIN_INK_PIXELS = 20;

function fillDistanceSquared(image: RgbImage, region: ColourRegion, x: number, y: number): number {
  const fill = fillAt(region, x, y);
  const i = (y * image.width + x) * 3;
  const dr = image.data[i]! - fill[0];
  const dg = image.data[i + 1]! - fill[1];
  const db = image.data[i + 2]! - fill[2];
  return dr * dr + dg * dg + db * db;
}

/**
 * 1 where a pixel of the region's box is ink. Off-fill pixels connected to the box's edge are not:
 * they are the page showing through rounded corners, or an outline, while text sits inside its padding.
 */
function inkMask(image: RgbImage, region: ColourRegion): Uint8Array {
  const { x: x0, y: y0, width, height } = region.box;
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (fillDistanceSquared(image, region, x0 + x, y0 + y) > INK_DISTANCE * INK_DISTANCE) mask[y * width + x] = 1;
    }
  }
  const stack: number[] = [];
  const clear = (i: number): void => {
    if (!mask[i]) return;
    mask[i] = 0;
    stack.push(i);
  };
  for (let x = 0; x < width; x++) {
    clear(x);
    clear((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    clear(y * width);
    clear(y * width + width - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    if (x > 0) clear(i - 1);
    if (x < width - 1) clear(i + 1);
    if (i >= width) clear(i - width);
    if (i + width < mask.length) clear(i + width);
  }
  return mask;
}

export function findInk(image: RgbImage, region: ColourRegion): RegionInk {
  const mask = inkMask(image, region);
  const { x: x0, y: y0, width, height } = region.box;
  let pixels = 0;
  let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
  let lineHeight = 0;
  let band = 0;
  for (let y = 0; y < height; y++) {
    let rowInk = 0;
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      rowInk++;
      if (x < left) left = x;
      if (x > right) right = x;
    }
    if (rowInk > 0) {
      pixels += rowInk;
      if (y < top) top = y;
      bottom = y;
      band++;
      lineHeight = Math.max(lineHeight, band);
    } else {
      band = 0;
    }
  }
  const box = pixels < MIN_INK_PIXELS ? null : { x: x0 + left, y: y0 + top, width: right - left + 1, height: bottom - top + 1 };
  return { region, mask, box, lineHeight };
}

/**
 * Part of a region (`box`, inside the region's box) as dark ink on white, 0..255 at source resolution:
 * the grey level is the distance from the fill, and off-fill pixels the mask rules out are white.
 */
export function inkOnWhite(image: RgbImage, ink: RegionInk, box: Box): Float32Array {
  const { region, mask } = ink;
  const outer = region.box;
  const grey = new Float32Array(box.width * box.height);
  let strongest = INK_DISTANCE;
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const d = Math.sqrt(fillDistanceSquared(image, region, box.x + x, box.y + y));
      const ruledOut = d > INK_DISTANCE && !mask[(box.y - outer.y + y) * outer.width + box.x - outer.x + x];
      grey[y * box.width + x] = ruledOut ? 0 : d;
      if (d > strongest && !ruledOut) strongest = d;
    }
  }
  for (let i = 0; i < grey.length; i++) grey[i] = 255 * (1 - Math.min(1, grey[i]! / strongest));
  return grey;
}
