/**
 * Finds and erases the line drawn through struck-through text (a completed to-do, a removed price).
 *
 * The strike joins the letters of a whole line into one mark, and tesseract, reading it as drawn, gives
 * garbage ("Repeveesrpssreace" for "Renew car insurance") or nothing. A person reads past it: the strike
 * is a thin run of ink across the middle of the mark, which letters never are, as their strokes leave
 * gaps between them. Erased between the letters and faded across them, the line reads.
 */
import type { Box } from '../../screen/box.js';
import type { InkPiece } from './glyph-lines.js';

/**
 * A strike crosses at least this share of its mark's width, in each of its rows; BESIDE rows above and
 * below it, the letters cover at most MAX_COVER_BESIDE. Bold or smeared letters run together (coloured
 * code on video) cover 0.9 of a row or more, but as much of the rows around it.
 */
const STRIKE_COVER = 0.95;
const BESIDE = 2;
const MAX_COVER_BESIDE = 0.6;
/** A mark this much wider than tall holds letters run together: only there a strike joins letters. */
const MIN_STRUCK_ASPECT = 3;
/**
 * The strike lies within this middle share of the mark's height; underlines lie below it, and the
 * crossbars of bold "t"s run into the letters beside them above it.
 */
const MIDDLE = 1 / 3;
/** A strike is at most this share of the mark's height thick: a thicker band is a bar, not a line. */
const MAX_STRIKE_THICKNESS = 0.2;
/** Darker grey levels are ink: a letter's stroke this close above or below the strike crosses it. */
const INK_GREY = 128;
const LETTER_REACH = 3;
/** What is left of the strike's darkness across a letter. */
const FADED = 0.3;

/** The share of each row of the glyph's box its ink covers, top to bottom. */
function rowCover(glyph: InkPiece): number[] {
  const { x, y, width, height } = glyph.box;
  const { area, labels } = glyph.ink;
  const cover: number[] = [];
  for (let row = y; row < y + height; row++) {
    let count = 0;
    for (let p = (row - area.y) * area.width + x - area.x, end = p + width; p < end; p++) if (labels[p] === glyph.label) count++;
    cover.push(count / width);
  }
  return cover;
}

/** The rows (page y, top and bottom inclusive) of the line struck through a glyph, or null. */
export function strikeRows(glyph: InkPiece): { top: number; bottom: number } | null {
  const { y, width, height } = glyph.box;
  if (width < MIN_STRUCK_ASPECT * height) return null;
  const cover = rowCover(glyph);
  const margin = Math.floor((height * (1 - MIDDLE)) / 2);
  let top = -1, bottom = -1;
  for (let row = margin; row < height - margin; row++) {
    if (cover[row]! < STRIKE_COVER) continue;
    if (top < 0) top = row;
    else if (row !== bottom + 1) return null;
    bottom = row;
  }
  if (top < 0 || bottom - top + 1 > Math.max(1, MAX_STRIKE_THICKNESS * height)) return null;
  const beside = [cover[top - BESIDE] ?? 0, cover[bottom + BESIDE] ?? 0];
  return beside.every((share) => share <= MAX_COVER_BESIDE) ? { top: y + top, bottom: y + bottom } : null;
}

/**
 * In place, over `grey` (0 ink to 255 paper, `crop` in page pixels): the strike through `glyph` becomes
 * paper between the letters. Across a letter (ink within LETTER_REACH above or below) it is faded, not
 * erased: neither a bar (an "o" would read as an "e", a "c" as an "e") nor nothing (an "e" would read as
 * a "c"), so that tesseract reads the letter from its other strokes.
 */
export function eraseStrike(grey: Float32Array, crop: Box, glyph: InkPiece, rows: { top: number; bottom: number }): void {
  const left = Math.max(crop.x, glyph.box.x), right = Math.min(crop.x + crop.width, glyph.box.x + glyph.box.width);
  const at = (x: number, y: number): number => (y >= crop.y && y < crop.y + crop.height ? grey[(y - crop.y) * crop.width + x - crop.x]! : 255);
  for (let x = left; x < right; x++) {
    let letter = false;
    for (let d = 1; d <= LETTER_REACH && !letter; d++) letter = at(x, rows.top - d) < INK_GREY || at(x, rows.bottom + d) < INK_GREY;
    for (let y = Math.max(crop.y, rows.top); y <= Math.min(crop.y + crop.height - 1, rows.bottom); y++) {
      const p = (y - crop.y) * crop.width + x - crop.x;
      grey[p] = letter ? 255 - (255 - grey[p]!) * FADED : 255;
    }
  }
}
