/**
 * Punctuation and dots beside the glyphs of the ink lines (see glyph-lines.ts): they are drawn with the
 * line when it is read again, but they are not letters, and too small or too high to share its row.
 */
import { unionBox, type Box } from '../../screen/box.js';
import type { InkLine, InkPiece } from './glyph-lines.js';

/** Specks lie at most this many line heights beyond a line's ends, as its glyphs lie apart (see glyph-lines.ts). */
const REACH = 0.8;
/** An "i"'s dot is at most this share of its line's height across. */
const MAX_DOT_SHARE = 0.3;

/**
 * Whether `dot` belongs to a line of box `line` as a speck: in large text the dot of an "i", a "!" or a
 * "." is as tall as a small letter, a glyph too small to share its word's row, and makes a line of its own.
 */
function isDotOf(dot: InkPiece, line: Box): boolean {
  const reach = REACH * line.height;
  return (
    Math.max(dot.box.width, dot.box.height) <= MAX_DOT_SHARE * line.height &&
    dot.box.x >= line.x - reach &&
    dot.box.x + dot.box.width <= line.x + line.width + reach &&
    dot.box.y + dot.box.height >= line.y - line.height / 3 &&
    dot.box.y <= line.y + line.height
  );
}

/**
 * Lone dots join the line they are the dots of, as specks, so that its words are read with them. They
 * leave its box alone: its height is the size of its text. The dot and the word may have been found in
 * different layers: an "i"'s dot on the page, its stem on a grid.
 */
export function attachDots(lines: readonly InkLine[]): InkLine[] {
  const kept: InkLine[] = [];
  for (const line of lines) {
    const dot = line.glyphs.length === 1 && line.specks.length === 0 ? line.glyphs[0]! : undefined;
    const word = dot && lines.find((other) => other !== line && isDotOf(dot, other.box));
    if (dot && word) word.specks.push(dot);
    else kept.push(line);
  }
  return kept;
}

/** How far the middle of a speck lies above or below a box; 0 within it. */
function offRow(box: Box, middle: number): number {
  return Math.max(0, box.y - middle, middle - (box.y + box.height));
}

/**
 * A speck belongs to the line whose band (with room for an "i"'s dot) and reach it lies in; of two (a
 * "j"'s dot between the rows of a terminal), the nearer. Bands are those of the glyphs alone: a line
 * grown by each speck would reach ever further (along the glowing rim of a 2048 tile).
 */
export function attachSpecks(lines: readonly InkLine[], specks: readonly InkPiece[]): void {
  const glyphBoxes = lines.map((line) => ({ line, box: line.box }));
  for (const speck of specks) {
    const middle = speck.box.y + speck.box.height / 2;
    const bands = glyphBoxes.filter(({ box }) => {
      const reach = REACH * box.height;
      return (
        middle >= box.y - box.height / 2 &&
        middle <= box.y + box.height * 1.2 &&
        speck.box.x >= box.x - reach &&
        speck.box.x + speck.box.width <= box.x + box.width + reach
      );
    });
    const nearest = bands.reduce<(typeof bands)[number] | undefined>((best, band) => (!best || offRow(band.box, middle) < offRow(best.box, middle) ? band : best), undefined);
    if (!nearest) continue;
    const { line } = nearest;
    line.specks.push(speck);
    line.box = unionBox([line.box, speck.box]);
  }
}
