/**
 * Erases a text caret from a run of unread ink it touches: while text is typed the caret stands right
 * after its last letter, and on video its bar merges with it ("milk|" as one mark), which tesseract
 * reads with too little confidence to keep. A caret is a bar a pixel or two wide, taller than the
 * letters, at either end of the run; as a separate mark it is left out of the run (see unread-ink.ts).
 */
import type { Box } from '../../screen/box.js';
import type { InkPiece } from './glyph-lines.js';

/** A caret is at most this many pixels wide, and at least TALLER times as tall as the other letters. */
const MAX_CARET_WIDTH = 3;
const TALLER = 1.25;
/** A caret's column holds ink over at least this share of its mark's height; a letter's stem less. */
const CARET_COVER = 0.9;

function columnCover(glyph: InkPiece, x: number): number {
  const { area, labels } = glyph.ink;
  let count = 0;
  for (let y = glyph.box.y, p = (y - area.y) * area.width + x - area.x; y < glyph.box.y + glyph.box.height; y++, p += area.width) {
    if (labels[p] === glyph.label) count++;
  }
  return count / glyph.box.height;
}

/** The columns of a caret at the `side` end of `glyph`, as [first, last] page x, or null. */
function caretColumns(glyph: InkPiece, side: 'left' | 'right'): [number, number] | null {
  const { x, width } = glyph.box;
  const step = side === 'right' ? -1 : 1;
  const edge = side === 'right' ? x + width - 1 : x;
  let columns = 0;
  while (columns < width && columnCover(glyph, edge + step * columns) >= CARET_COVER) columns++;
  if (columns === 0 || columns > MAX_CARET_WIDTH || columns === width) return null;
  const inner = edge + step * (columns - 1);
  return side === 'right' ? [inner, edge] : [edge, inner];
}

/** In place, over `grey` (0 ink to 255 paper, `crop` in page pixels): carets at the run's ends become paper. */
export function eraseCarets(grey: Float32Array, crop: Box, glyphs: readonly InkPiece[]): void {
  if (glyphs.length < 2) return;
  for (const [glyph, others, side] of [
    [glyphs.at(-1)!, glyphs.slice(0, -1), 'right'],
    [glyphs[0]!, glyphs.slice(1), 'left'],
  ] as const) {
    if (glyph.box.height < TALLER * Math.max(...others.map((other) => other.box.height))) continue;
    const columns = caretColumns(glyph, side);
    if (!columns) continue;
    for (let x = Math.max(crop.x, columns[0]); x <= Math.min(crop.x + crop.width - 1, columns[1]); x++) {
      for (let y = 0; y < crop.height; y++) grey[y * crop.width + x - crop.x] = 255;
    }
  }
}
