/**
 * Finds where text is on the page from its ink alone, whether or not tesseract read it: marks shaped
 * like letters (or words: small letters run together) set side by side in a row. Each row is an ink line.
 *
 * Marks are found against the local backgrounds (see local-background.ts). A small box of one solid
 * colour with marks on it (a badge, a button smaller than the background window) comes out as a single
 * dense mark, its letters as holes or as ink of another colour: it is a plate, and its own marks are
 * found against its fill.
 */
import type { Box } from '../types.js';
import { unionBox } from '../box-geometry.js';
import type { InkMark } from './connected-marks.js';
import { fillInk, type InkLayer } from './ink-components.js';
import type { BackgroundMap } from './local-background.js';
import { isSolidLetters, kindOf } from './mark-kinds.js';
import { plateFill } from './plate-fill.js';
import type { RgbImage } from './rgb-image.js';

/** A mark of ink, with the layer it was labelled in, so that it can be drawn again on its own. */
export interface InkPiece {
  box: Box;
  pixels: number;
  ink: InkLayer;
  label: number;
}

export interface InkLine {
  box: Box;
  /** Marks taken for letters, digits or words, left to right. */
  glyphs: InkPiece[];
  /** Punctuation and dots next to the glyphs: drawn with them, not counted as letters. */
  specks: InkPiece[];
}

/**
 * Taller marks are pictures, panels or a board's grid, not letters: 72 px at 720p, where a 100 px title
 * has 72 px capitals.
 */
const maxGlyphHeight = (image: RgbImage): number => Math.max(48, Math.round(image.height / 10));
/** Taller dense marks are panels or pictures, not plates: 96 px at 720p. */
const MAX_PLATE_TILES = 6;
/** A plate is at least this tall to hold a line of text. */
const MIN_PLATE_HEIGHT = 10;
/** Marks of one line overlap vertically by this share of the shorter. */
const SAME_ROW = 0.5;
/** Marks of one line are at most this many line heights apart: a word space is about 0.3, the gap between two 2048 tiles 1.2. */
const MAX_GAP = 0.8;
/** Heights of marks in one line differ by at most this factor (x-height against capitals and descenders). */
const MAX_HEIGHT_RATIO = 2.5;

const pieceOf = (ink: InkLayer, mark: InkMark): InkPiece => ({ box: mark.box, pixels: mark.pixels, ink, label: mark.label });

/** Vertical overlap of two boxes, in pixels. */
function rowOverlap(a: Box, b: Box): number {
  return Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
}

/** Whether `glyph` continues `line` on its right. */
function continues(line: InkLine, glyph: InkPiece): boolean {
  const last = line.glyphs.at(-1)!;
  const height = line.box.height;
  if (glyph.box.height > MAX_HEIGHT_RATIO * height || height > MAX_HEIGHT_RATIO * glyph.box.height) return false;
  if (rowOverlap(line.box, glyph.box) < SAME_ROW * Math.min(glyph.box.height, height)) return false;
  const gap = glyph.box.x - (last.box.x + last.box.width);
  return gap >= -last.box.width / 2 && gap <= MAX_GAP * height;
}

/** Rows of glyphs, left to right; a glyph joins the line it overlaps most. */
function groupIntoLines(glyphs: readonly InkPiece[]): InkLine[] {
  const lines: InkLine[] = [];
  for (const glyph of [...glyphs].sort((a, b) => a.box.x - b.box.x)) {
    let best: InkLine | undefined;
    for (const line of lines) {
      if (!continues(line, glyph)) continue;
      if (!best || rowOverlap(line.box, glyph.box) > rowOverlap(best.box, glyph.box)) best = line;
    }
    if (best) {
      best.glyphs.push(glyph);
      best.box = unionBox([best.box, glyph.box]);
    } else {
      lines.push({ box: glyph.box, glyphs: [glyph], specks: [] });
    }
  }
  return lines;
}

/** How far the middle of a speck lies above or below the line's box; 0 within it. */
function offRow({ box }: InkLine, middle: number): number {
  return Math.max(0, box.y - middle, middle - (box.y + box.height));
}

/**
 * A speck belongs to the line whose band (with room for an "i"'s dot) and reach it lies in; of two (a
 * "j"'s dot between the rows of a terminal), the nearer.
 */
function attachSpecks(lines: readonly InkLine[], specks: readonly InkPiece[]): void {
  for (const speck of specks) {
    const middle = speck.box.y + speck.box.height / 2;
    const bands = lines.filter(({ box }) => {
      const reach = MAX_GAP * box.height;
      return (
        middle >= box.y - box.height / 2 &&
        middle <= box.y + box.height * 1.2 &&
        speck.box.x >= box.x - reach &&
        speck.box.x + speck.box.width <= box.x + box.width + reach
      );
    });
    const line = bands.reduce<InkLine | undefined>((best, other) => (!best || offRow(other, middle) < offRow(best, middle) ? other : best), undefined);
    if (!line) continue;
    line.specks.push(speck);
    line.box = unionBox([line.box, speck.box]);
  }
}

/** What the search is bounded by on this page. */
interface Search {
  image: RgbImage;
  maxGlyphHeight: number;
  /** Taller dense marks are panels or pictures; within a plate, 0: plates are not nested. */
  maxPlateHeight: number;
}

/** The lines on a dense mark that is a plate, found against its fill; none when it is not a plate. */
function plateLines(search: Search, layer: InkLayer, mark: InkMark): InkLine[] {
  const { width, height } = mark.box;
  if (height < MIN_PLATE_HEIGHT || height > search.maxPlateHeight || width < height) return [];
  const fill = plateFill(search.image, layer, mark);
  if (!fill) return [];
  const plate = fillInk(search.image, mark.box, fill);
  // Marks reaching the plate's edge are the page showing through its rounded corners.
  const inner = plate.marks.filter((m) => !m.touchesEdge);
  return linesOf({ ...search, maxPlateHeight: 0 }, plate, inner);
}

/** Lines of the glyphs and specks among `marks`, labelled in `layer`. */
function linesOf(search: Search, layer: InkLayer, marks: readonly InkMark[]): InkLine[] {
  const glyphs: InkPiece[] = [];
  const specks: InkPiece[] = [];
  const onPlates: InkLine[] = [];
  for (const mark of marks) {
    const kind = kindOf(layer, mark, search.maxGlyphHeight);
    if (kind === 'glyph') glyphs.push(pieceOf(layer, mark));
    if (kind === 'speck') specks.push(pieceOf(layer, mark));
    if (kind !== 'dense') continue;
    const plate = plateLines(search, layer, mark);
    if (plate.length > 0) onPlates.push(...plate);
    else if (isSolidLetters(layer, mark)) glyphs.push(pieceOf(layer, mark));
  }
  const lines = groupIntoLines(glyphs);
  attachSpecks(lines, specks);
  return [...lines, ...onPlates];
}

/** Every line of text-like ink on the page (its ink: see ink-components.ts), read or not. */
export function findInkLines(image: RgbImage, backgrounds: BackgroundMap, layer: InkLayer): InkLine[] {
  const search = { image, maxGlyphHeight: maxGlyphHeight(image), maxPlateHeight: MAX_PLATE_TILES * backgrounds.tileSize };
  return linesOf(search, layer, layer.marks);
}
