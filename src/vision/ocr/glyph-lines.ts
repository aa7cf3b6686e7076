/**
 * Finds where text is on the page from its ink alone, whether or not tesseract read it: marks shaped
 * like letters (or words: small letters run together) set side by side in a row. Each row is an ink line.
 *
 * Marks are found against the local backgrounds (see local-background.ts). A small box of one solid
 * colour with marks on it (a badge, a button smaller than the background window) comes out as a single
 * dense mark, its letters as holes or as ink of another colour: it is a plate, and its own marks are
 * found against its fill. Text touching a grid drawn in a colour of its own (a game board's gaps) makes
 * one tall sparse mark with it: the grid's colour is taken out, and the marks left are searched again.
 */
import { unionBox, type Box } from '../../screen/box.js';
import type { InkMark } from './connected-marks.js';
import { fillInk, inkOffColour, type InkLayer } from './ink-components.js';
import { nearestBackground, type BackgroundMap } from './local-background.js';
import { attachDots, attachSpecks } from './line-specks.js';
import { isSolidLetters, kindOf } from './mark-kinds.js';
import { dominantFill, plateFill } from './plate-fill.js';
import type { Rgb, RgbImage } from './rgb-image.js';

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
/**
 * A tall mark filling at most this share of its box may be a grid with text on it (a photo is denser),
 * if its commonest colour is flat: within MAX_GRID_SPREAD RMS (see dominantFill; 2048's board on video:
 * 4-8, a grainy photo's commonest range: 16-19).
 */
const MAX_GRID_DENSITY = 0.5;
const MAX_GRID_SPREAD = 11;
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

/** What the search is bounded by on this page. */
interface Search {
  image: RgbImage;
  maxGlyphHeight: number;
  /** Taller dense marks are panels or pictures; within a plate, 0: plates are not nested. */
  maxPlateHeight: number;
  /** Whether a grid's colour may be taken out of what stands on it: not again within a grid. */
  onGrids: boolean;
  /** The background page pixel (x, y) stands on. */
  backgroundAt(x: number, y: number): Rgb;
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

/**
 * The lines on a tall sparse mark, found again with its dominant colour as background: a grid, a frame
 * or a game board's gaps that text touches, as "Game over!" touches the gaps between 2048's tiles, and
 * which makes one mark of them both. None when it has no dominant colour (a photo) or holds no text.
 */
function gridLines(search: Search, layer: InkLayer, mark: InkMark): InkLine[] {
  const { width, height } = mark.box;
  if (!search.onGrids || height <= search.maxGlyphHeight || mark.pixels > MAX_GRID_DENSITY * width * height) return [];
  const grid = dominantFill(search.image, layer, mark);
  if (!grid || grid.spread > MAX_GRID_SPREAD) return [];
  const rest = inkOffColour(search.image, layer, mark, grid.fill, search.backgroundAt);
  return linesOf({ ...search, onGrids: false }, rest, rest.marks);
}

/** Lines of the glyphs and specks among `marks`, labelled in `layer`. */
function linesOf(search: Search, layer: InkLayer, marks: readonly InkMark[]): InkLine[] {
  const glyphs: InkPiece[] = [];
  const specks: InkPiece[] = [];
  const onPlates: InkLine[] = [];
  const onGrids: InkLine[] = [];
  for (const mark of marks) {
    const kind = kindOf(layer, mark, search.maxGlyphHeight);
    if (kind === 'glyph') glyphs.push(pieceOf(layer, mark));
    if (kind === 'speck') specks.push(pieceOf(layer, mark));
    if (kind === 'other') onGrids.push(...gridLines(search, layer, mark));
    if (kind !== 'dense') continue;
    const plate = plateLines(search, layer, mark);
    if (plate.length > 0) onPlates.push(...plate);
    else if (isSolidLetters(layer, mark)) glyphs.push(pieceOf(layer, mark));
  }
  const lines = groupIntoLines(glyphs);
  attachSpecks(lines, specks);
  return [...lines, ...onPlates, ...onGrids];
}

/** Every line of text-like ink on the page (its ink: see ink-components.ts), read or not. */
export function findInkLines(image: RgbImage, backgrounds: BackgroundMap, layer: InkLayer): InkLine[] {
  const search = {
    image,
    maxGlyphHeight: maxGlyphHeight(image),
    maxPlateHeight: MAX_PLATE_TILES * backgrounds.tileSize,
    onGrids: true,
    backgroundAt: (x: number, y: number) => nearestBackground(backgrounds, image.data, image.width, x, y),
  };
  return attachDots(linesOf(search, layer, layer.marks));
}
