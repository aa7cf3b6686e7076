/** Measures of one glyph's shape and colour (see glyph-lines.ts), for judging whether a run of them is text. */
import type { InkPiece } from './glyph-lines.js';
import type { Rgb, RgbImage } from './rgb-image.js';

/** A bar is at most this wide for its height, and this solid. */
const BAR_ASPECT = 0.3;
const BAR_DENSITY = 0.85;
/**
 * A blob fills more than BLOB_DENSITY of its box, and each of its rows and columns is one run of ink:
 * at least BLOB_SOLIDITY of what lies between their ends. A bold "8" or "3" is as dense on video, but
 * its holes and openings break its rows or columns.
 */
const BLOB_DENSITY = 0.6;
const BLOB_SOLIDITY = 0.95;
/**
 * Two marks of the same shape: sizes within a pixel, and the shares of their ink in the ninths of their
 * boxes differ by at most this much in all. Measured: the same star drawn at other subpixel offsets
 * differs by up to 0.13, "e" from "o" in 60 px bold by 0.21, "P" from "S" at 9 px by 0.49.
 */
const SAME_SHAPE = 0.16;

/** A bar: an "l", a "|", but also a caret or a chart's bar. */
export function isBar(glyph: InkPiece): boolean {
  const { width, height } = glyph.box;
  return width <= BAR_ASPECT * height && glyph.pixels >= BAR_DENSITY * width * height;
}

/** The share of the mark's ink in each ninth of its box, row-major. */
function shapeOf(glyph: InkPiece): number[] {
  const { area, labels } = glyph.ink;
  const { x, y, width, height } = glyph.box;
  const ninths = new Array<number>(9).fill(0);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      if (labels[(y + row - area.y) * area.width + x + column - area.x] !== glyph.label) continue;
      ninths[Math.floor((3 * row) / height) * 3 + Math.floor((3 * column) / width)]!++;
    }
  }
  return ninths.map((count) => count / glyph.pixels);
}

function sameShape(a: InkPiece, b: InkPiece): boolean {
  if (Math.abs(a.box.width - b.box.width) > 1 || Math.abs(a.box.height - b.box.height) > 1) return false;
  const [shapeA, shapeB] = [shapeOf(a), shapeOf(b)];
  return shapeA.reduce((sum, share, i) => sum + Math.abs(share - shapeB[i]!), 0) <= SAME_SHAPE;
}

/** Distinct shapes among the glyphs, up to `enough`. */
export function shapeCount(glyphs: readonly InkPiece[], enough: number): number {
  const shapes: InkPiece[] = [];
  for (const glyph of glyphs) {
    if (!shapes.some((shape) => sameShape(shape, glyph))) shapes.push(glyph);
    if (shapes.length >= enough) break;
  }
  return shapes.length;
}

/** The summed spans, first to last ink pixel, of the mark's rows (or columns): its ink with the gaps filled. */
function spans(glyph: InkPiece, alongRows: boolean): number {
  const { x, y, width, height } = glyph.box;
  const { area, labels } = glyph.ink;
  const [outer, inner] = alongRows ? [height, width] : [width, height];
  let total = 0;
  for (let a = 0; a < outer; a++) {
    let first = -1, last = -1;
    for (let b = 0; b < inner; b++) {
      const [column, row] = alongRows ? [x + b, y + a] : [x + a, y + b];
      if (labels[(row - area.y) * area.width + column - area.x] !== glyph.label) continue;
      if (first < 0) first = b;
      last = b;
    }
    if (first >= 0) total += last - first + 1;
  }
  return total;
}

/** A solid blob, as an avatar or a filled icon is; never a letter, which has holes, openings or thin strokes. */
export function isSolidBlob(glyph: InkPiece): boolean {
  const { width, height } = glyph.box;
  if (glyph.pixels <= BLOB_DENSITY * width * height) return false;
  return glyph.pixels >= BLOB_SOLIDITY * Math.max(spans(glyph, true), spans(glyph, false));
}

/** The mean colour of the glyph's ink. */
export function meanColour(image: RgbImage, glyph: InkPiece): Rgb {
  const { area, labels } = glyph.ink;
  const sum = [0, 0, 0];
  for (let y = glyph.box.y; y < glyph.box.y + glyph.box.height; y++) {
    for (let x = glyph.box.x; x < glyph.box.x + glyph.box.width; x++) {
      if (labels[(y - area.y) * area.width + x - area.x] !== glyph.label) continue;
      const i = (y * image.width + x) * 3;
      for (let k = 0; k < 3; k++) sum[k]! += image.data[i + k]!;
    }
  }
  return [sum[0]! / glyph.pixels, sum[1]! / glyph.pixels, sum[2]! / glyph.pixels];
}

