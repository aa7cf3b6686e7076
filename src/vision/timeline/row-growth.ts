/**
 * Grows a changed place sideways to the whole line of text it sits in, from the pixels alone.
 *
 * A place read alone gives a piece of a line: "over!" of "Game over!", when only the end of the title
 * finished fading in. Lines read before are one guide (read-plan.ts); the ink of the frame is the
 * other, for text not read yet. Along the place's rows, columns holding ink (off the rows' background)
 * with gaps narrower than a word space continue the line.
 */
import type { Box } from '../../screen/box.js';

export interface Pixels {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** Grey-level distance from the rows' background that is ink. */
const INK = 40;
/** A gap of more than this many line heights ends the line: words are closer, columns of a layout further. */
const MAX_GAP = 1.2;

function luma(rgb: Uint8Array, i: number): number {
  return (77 * rgb[i]! + 150 * rgb[i + 1]! + 29 * rgb[i + 2]!) >> 8;
}

/** The commonest grey level of the rows: their background. */
function rowsBackground(image: Pixels, top: number, bottom: number): number {
  const counts = new Uint32Array(64);
  for (let y = top; y < bottom; y++) {
    for (let x = 0, i = y * image.width * 3; x < image.width; x += 2, i += 6) counts[luma(image.rgb, i) >> 2]!++;
  }
  let best = 0;
  for (let level = 1; level < 64; level++) if (counts[level]! > counts[best]!) best = level;
  return best * 4 + 2;
}

/** For each column, whether any pixel in the rows is ink. */
function inkColumns(image: Pixels, top: number, bottom: number): Uint8Array {
  const background = rowsBackground(image, top, bottom);
  const ink = new Uint8Array(image.width);
  for (let y = top; y < bottom; y++) {
    for (let x = 0, i = y * image.width * 3; x < image.width; x++, i += 3) {
      if (ink[x]) continue;
      const d = luma(image.rgb, i) - background;
      if (d > INK || d < -INK) ink[x] = 1;
    }
  }
  return ink;
}

function reach(ink: Uint8Array, from: number, step: 1 | -1, maxGap: number): number {
  let edge = from;
  let gap = 0;
  for (let x = from + step; x >= 0 && x < ink.length; x += step) {
    if (ink[x]) {
      edge = x;
      gap = 0;
    } else if (++gap > maxGap) break;
  }
  return edge;
}

/** `box` widened to the ink of its line in any of `frames` (the frame read and the one before, for text that went). */
export function growAlongRow(box: Box, frames: readonly Pixels[]): Box {
  let left = box.x;
  let right = box.x + box.width - 1;
  // A tall place holds several lines: the gap that ends a line is measured against one line's height.
  const lineHeight = Math.min(box.height, Math.round(40 * Math.max(1, frames[0]!.height / 720)));
  const maxGap = Math.max(8, Math.round(MAX_GAP * lineHeight));
  for (const frame of frames) {
    const ink = inkColumns(frame, box.y, Math.min(frame.height, box.y + box.height));
    left = Math.min(left, reach(ink, box.x, -1, maxGap));
    right = Math.max(right, reach(ink, box.x + box.width - 1, 1, maxGap));
  }
  return { x: left, y: box.y, width: right - left + 1, height: box.height };
}
