/**
 * Draws unread ink (see unread-ink.ts) as tesseract reads best: only its own marks, dark on white,
 * upscaled, whatever colours they had. Everything else in the crop (other text, tiles, frames) is left
 * out, so an overlay's neighbouring digits or a badge's edge cannot confuse the reading; so are a line
 * struck through the text (see strike-lines.ts) and a caret touching it (see carets.ts).
 */
import type { Box } from '../../screen/box.js';
import { eraseCarets } from './carets.js';
import type { InkPiece } from './glyph-lines.js';
import { INK_DISTANCE } from './ink-components.js';
import { PADDING, placeScaled, type RegionCrop } from './region-crop.js';
import type { RgbImage } from './rgb-image.js';
import { eraseStrike, strikeRows } from './strike-lines.js';
import type { UnreadInk } from './unread-ink.js';

/**
 * Lines are scaled to about this height: on the fixtures, 32 px reads as well as the 48 of region crops
 * (region-crop.ts) at less than half the pixels. Tesseract reads some short words only at another size
 * (a bold 9 px "Name" upscaled only near 20 px), which a second try uses.
 */
export const TARGET_LINE_HEIGHT = 32;
export const RETRY_LINE_HEIGHT = 20;
const MAX_UPSCALE = 4;
/** White margin around the marks, in line heights, as tesseract wants room around a line. */
const MARGIN = 0.25;

/** The unread ink's box with a white margin of MARGIN line heights, within the page. */
export function cropBox(image: RgbImage, unread: UnreadInk): Box {
  const margin = Math.max(2, Math.round(MARGIN * unread.lineHeight));
  const left = Math.max(0, unread.box.x - margin);
  const top = Math.max(0, unread.box.y - margin);
  const right = Math.min(image.width, unread.box.x + unread.box.width + margin);
  const bottom = Math.min(image.height, unread.box.y + unread.box.height + margin);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** `grey` (0 ink to 255 paper, over `crop`) scaled for tesseract so that its line is about `lineHeight` tall. */
export function placeCrop(grey: Float32Array, crop: Box, unread: UnreadInk, lineHeight: number): RegionCrop {
  const scale = Math.max(1, Math.min(MAX_UPSCALE, lineHeight / unread.lineHeight));
  return { image: placeScaled(grey, crop.width, crop.height, scale), placement: { left: crop.x, top: crop.y, scale, padding: PADDING } };
}

/**
 * Over the crop: 0 off the pieces, else 1 + the index of the piece a pixel belongs to or touches (its
 * anti-aliased rim).
 */
export function pieceMap(crop: Box, pieces: readonly InkPiece[]): Int32Array {
  const owner = new Int32Array(crop.width * crop.height);
  pieces.forEach((piece, index) => {
    const { area, labels } = piece.ink;
    for (let y = piece.box.y; y < piece.box.y + piece.box.height; y++) {
      for (let x = piece.box.x; x < piece.box.x + piece.box.width; x++) {
        if (labels[(y - area.y) * area.width + x - area.x] !== piece.label) continue;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const cx = x + dx - crop.x, cy = y + dy - crop.y;
            if (cx >= 0 && cy >= 0 && cx < crop.width && cy < crop.height) owner[cy * crop.width + cx] = index + 1;
          }
        }
      }
    }
  });
  return owner;
}

/**
 * Each pixel's grey level is its distance from its background, black at its own piece's strongest: a
 * word crossing from a tile to an overlay's gap stays dark throughout, where its contrast changes.
 */
export function cropUnreadInk(image: RgbImage, unread: UnreadInk, lineHeight = TARGET_LINE_HEIGHT): RegionCrop {
  const crop = cropBox(image, unread);
  const pieces = [...unread.glyphs, ...unread.specks];
  const owner = pieceMap(crop, pieces);
  const grey = new Float32Array(crop.width * crop.height);
  const strongest = new Float32Array(pieces.length + 1).fill(2 * INK_DISTANCE);
  for (let y = 0; y < crop.height; y++) {
    for (let x = 0; x < crop.width; x++) {
      const p = y * crop.width + x;
      if (!owner[p]) continue;
      // Each piece against the backgrounds of its own layer: the page's, a plate's or a grid's.
      grey[p] = pieces[owner[p]! - 1]!.ink.distance(crop.x + x, crop.y + y);
      strongest[owner[p]!] = Math.max(strongest[owner[p]!]!, grey[p]!);
    }
  }
  for (let p = 0; p < grey.length; p++) grey[p] = 255 * (1 - Math.min(1, grey[p]! / strongest[owner[p]!]!));
  for (const glyph of unread.glyphs) {
    const strike = strikeRows(glyph);
    if (strike) eraseStrike(grey, crop, glyph, strike);
  }
  eraseCarets(grey, crop, unread.glyphs);
  return placeCrop(grey, crop, unread, lineHeight);
}
