/**
 * What a connected mark of ink is (see ink-components.ts), from its size and shape: a glyph (a letter, a
 * digit, or small letters run together), a speck (punctuation, an "i"'s dot), a dense mark (a badge
 * or a button with its letters, or bold letters run solid), or other: a rule, a frame, a picture.
 */
import type { InkMark } from './connected-marks.js';
import type { InkLayer } from './ink-components.js';
import { stemRuns } from './letter-rhythm.js';

export type MarkKind = 'glyph' | 'dense' | 'speck' | 'other';

/** Shorter marks are punctuation, dots and specks. */
const MIN_GLYPH_HEIGHT = 6;
/** Letters fill part of their box; a solid box is a bar, a button or a badge. */
const MAX_GLYPH_DENSITY = 0.85;
/** An "l", a "1" or a "|" is a solid bar at most this wide for its height. */
const MAX_BAR_ASPECT = 0.3;
/** Marks thinner than this share of their box are frames and rules, not letters. */
const MIN_GLYPH_DENSITY = 0.08;
/** Small bold letters run together into one solid mark: at most this many times as wide as tall, and not full. */
const MAX_SOLID_WORD_ASPECT = 4;
const MAX_SOLID_LETTERS_DENSITY = 0.95;
/**
 * A frame's sides run along this share of its box; a letter's strokes fill at most three sides so.
 * Small letters ("o", "e" at 7 px) fill all four: frames are told apart only from this size, and only
 * when mostly hollow.
 */
const FRAME_SIDE = 0.75;
const MIN_FRAME_SIZE = 12;
const MAX_FRAME_DENSITY = 0.35;
/** Depth of the band along each side of the box where a frame's side is looked for. */
const FRAME_BAND = 3;
const WIDE_FRAME_ASPECT = 2;
/** A mark this much wider than tall holds a word run together, or is a bar or a shadow. */
const WORD_MARK_ASPECT = 3;
/**
 * A word mark has a run of stems (see letter-rhythm.ts) for at least every LETTER_PITCH line heights of
 * its width, and at least MIN_STEM_RUNS: a bar or a shadow has one run or none, the outline of a pill or
 * a button one at each end.
 */
const LETTER_PITCH = 1.5;
const MIN_STEM_RUNS = 3;

/**
 * Whether the mark has ink along the sides of its box: an input's border, a checkbox. A wide one (a
 * field, a button's rim on video) may have one side broken; no letter is that wide.
 */
function isFrame(layer: InkLayer, mark: InkMark): boolean {
  const { x, y, width, height } = mark.box;
  const { area, labels } = layer;
  const at = (px: number, py: number): boolean => labels[(py - area.y) * area.width + px - area.x] === mark.label;
  const band = Math.min(FRAME_BAND, Math.floor(Math.min(width, height) / 3));
  const covered = (length: number, hit: (t: number, d: number) => boolean): boolean => {
    let count = 0;
    for (let t = 0; t < length; t++) {
      for (let d = 0; d < band; d++) {
        if (!hit(t, d)) continue;
        count++;
        break;
      }
    }
    return count >= FRAME_SIDE * length;
  };
  const sides = [
    covered(width, (t, d) => at(x + t, y + d)),
    covered(width, (t, d) => at(x + t, y + height - 1 - d)),
    covered(height, (t, d) => at(x + d, y + t)),
    covered(height, (t, d) => at(x + width - 1 - d, y + t)),
  ].filter(Boolean).length;
  return sides === 4 || (sides === 3 && width >= WIDE_FRAME_ASPECT * height);
}

/** Whether a mark has the rhythm of letters run together (see letter-rhythm.ts). */
function hasLetterGaps(layer: InkLayer, mark: InkMark): boolean {
  return stemRuns(layer, mark.label, mark.box) >= Math.max(MIN_STEM_RUNS, mark.box.width / (LETTER_PITCH * mark.box.height));
}

export function kindOf(layer: InkLayer, mark: InkMark, maxHeight: number): MarkKind {
  const { width, height } = mark.box;
  if (height < MIN_GLYPH_HEIGHT) return width < 3 * MIN_GLYPH_HEIGHT ? 'speck' : 'other';
  if (height > maxHeight) return 'other';
  const density = mark.pixels / (width * height);
  if (density < MIN_GLYPH_DENSITY) return 'other';
  if (width <= MAX_BAR_ASPECT * height) return 'glyph';
  if (density > MAX_GLYPH_DENSITY) return 'dense';
  if (Math.min(width, height) >= MIN_FRAME_SIZE && density <= MAX_FRAME_DENSITY && isFrame(layer, mark)) return 'other';
  return width <= WORD_MARK_ASPECT * height || hasLetterGaps(layer, mark) ? 'glyph' : 'other';
}

/**
 * Whether a dense mark that is no plate is small bold letters run solid at this ink distance: not
 * quite full, and a word of them parted by thin columns. A full box is a bar, a swatch or a piece of a
 * game board's grid.
 */
export function isSolidLetters(layer: InkLayer, mark: InkMark): boolean {
  const { width, height } = mark.box;
  if (width > MAX_SOLID_WORD_ASPECT * height || mark.pixels > MAX_SOLID_LETTERS_DENSITY * width * height) return false;
  return width <= WORD_MARK_ASPECT * height || hasLetterGaps(layer, mark);
}

