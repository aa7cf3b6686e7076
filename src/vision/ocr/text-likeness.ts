/**
 * Judges unread ink (see unread-ink.ts) by its shape: worth a second reading, and plainly text.
 *
 * Icons, photos, chart bars, star ratings, emoji, password bullets and carets are also rows of marks.
 * Reading them costs a tesseract call and gives garbage ("kk" for five stars); reporting them as
 * illegible text would leave every absence claim on an ordinary screen uncertain. Text stands on a flat
 * background, in marks of a colour or two that differ from each other in shape; the rows above fail one
 * of these.
 */
import type { Box } from '../../screen/box.js';
import type { InkPiece } from './glyph-lines.js';
import type { InkLayer } from './ink-components.js';
import { isBar, isSolidBlob, meanColour, shapeCount } from './glyph-shape.js';
import { isSingleStroke, stemRuns } from './letter-rhythm.js';
import type { Rgb, RgbImage } from './rgb-image.js';
import type { UnreadInk } from './unread-ink.js';

/** Lower lines are specks and the arcs of icons: 12 px lower-case text is 7 px tall. */
const MIN_LINE_HEIGHT = 7;
/**
 * A lone glyph or a pair is worth reading only when this tall, none of them a sliver narrower than
 * MIN_FEW_GLYPH_ASPECT nor a solid blob: a 2048 tile's digits, not an icon, the edge of a frame or an
 * avatar.
 */
const MIN_FEW_GLYPHS_HEIGHT = 24;
const MIN_FEW_GLYPH_ASPECT = 0.35;
/** Plainly text holds at least this many letters, at least this tall (12 px text has 9 px capitals). */
const MIN_LETTERS = 3;
const MIN_PLAIN_HEIGHT = 8;
/**
 * A letter is about this share of the line height wide: a mark much wider holds several run together,
 * if it has at least MIN_WORD_STEMS runs of stems (a frame has two).
 */
const LETTER_WIDTH = 0.6;
const MIN_WORD_STEMS = 3;
/**
 * Letters of a word sit closer than this share of the line height; icons in a toolbar stand apart.
 * Plainly text has at least MIN_TIGHT_PAIRS such pairs in a row (three letters), or letters run together.
 */
const LETTER_GAP = 0.25;
const MIN_TIGHT_PAIRS = 2;
/** At most this share of a run's marks may be bars. */
const MAX_BAR_SHARE = 1 / 3;
/** Text has at least this many distinct shapes in a run; "★★★★☆" has two. */
const MIN_SHAPES = 3;
/**
 * Text stands on flat colour: at least this share of neighbouring background pixels around it differ by
 * at most SMOOTH_STEP (summed over the channels; video noise stays below). A photo's grain does not.
 */
const MIN_SMOOTH_SHARE = 0.85;
const SMOOTH_STEP = 16;
/** Pixels this close to ink are its rims or its smear; at least MIN_CLEAR_SHARE of the ring is clear of them. */
const NEAR_INK = 2;
const MIN_CLEAR_SHARE = 0.15;
/**
 * Marks within this RGB distance of each other's mean colour are one colour. A line of text has one or
 * two (a dim folder and a bright file name); a row of emoji more.
 */
const SAME_COLOUR = 64;
const MAX_COLOURS = 2;

/**
 * How many letters a mark holds: one, unless it is wide and has their rhythm, and is no single stroke
 * (a wave or a zigzag in a background pattern has the rhythm too; see letter-rhythm.ts).
 */
function lettersIn(glyph: InkPiece, lineHeight: number): number {
  const letters = Math.floor(glyph.box.width / (LETTER_WIDTH * lineHeight));
  if (letters <= 1 || stemRuns(glyph.ink, glyph.label, glyph.box) < MIN_WORD_STEMS) return 1;
  return isSingleStroke(glyph.ink, glyph.label, glyph.box) ? 1 : letters;
}

function letterCount(unread: UnreadInk): number {
  return unread.glyphs.reduce((sum, glyph) => sum + lettersIn(glyph, unread.lineHeight), 0);
}

/**
 * 1 over `box` where a pixel is ink of `layer` or within NEAR_INK of it (a square around each): the ink
 * spread along the rows, then along the columns.
 */
function nearInkMask(layer: InkLayer, box: Box): Uint8Array {
  const { area, labels } = layer;
  const { width, height } = box;
  const alongRows = new Uint8Array(width * (height + 2 * NEAR_INK));
  for (let row = 0; row < height + 2 * NEAR_INK; row++) {
    const y = box.y - NEAR_INK + row;
    if (y < area.y || y >= area.y + area.height) continue;
    for (let x = Math.max(area.x, box.x - NEAR_INK); x < Math.min(area.x + area.width, box.x + width + NEAR_INK); x++) {
      if (!labels[(y - area.y) * area.width + x - area.x]) continue;
      const from = Math.max(0, x - NEAR_INK - box.x), to = Math.min(width, x + NEAR_INK + 1 - box.x);
      if (to > from) alongRows.fill(1, row * width + from, row * width + to);
    }
  }
  const near = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let d = 0; d <= 2 * NEAR_INK && !near[y * width + x]; d++) near[y * width + x] = alongRows[(y + d) * width + x]!;
    }
  }
  return near;
}

/**
 * Whether the background around the marks is flat colour, not a photo: measured on a ring around their
 * box, as inside it most background pixels are the anti-aliased rims of letters. Ink in the ring and the
 * pixels next to it are left out: the lines above and below in a terminal, and the colour a video's
 * chroma smears around red or green letters. A photo is mostly ink, with little ring left to measure.
 */
function onFlatBackground(image: RgbImage, unread: UnreadInk): boolean {
  const { box, lineHeight } = unread;
  const reach = Math.max(3, Math.round(lineHeight / 2));
  const left = Math.max(0, box.x - reach), right = Math.min(image.width - 1, box.x + box.width + reach);
  const top = Math.max(0, box.y - reach), bottom = Math.min(image.height, box.y + box.height + reach);
  const ring = { x: left, y: top, width: right + 1 - left, height: bottom - top };
  const near = nearInkMask(unread.glyphs[0]!.ink, ring);
  const data = image.data;
  let smooth = 0, clear = 0, pairs = 0;
  for (let y = top; y < bottom; y++) {
    const insideRows = y >= box.y && y < box.y + box.height;
    for (let x = left; x < right; x++) {
      if (insideRows && x >= box.x - 1 && x < box.x + box.width) continue;
      pairs++;
      const m = (y - top) * ring.width + x - left;
      if (near[m] || near[m + 1]) continue;
      clear++;
      const i = (y * image.width + x) * 3;
      if (Math.abs(data[i]! - data[i + 3]!) + Math.abs(data[i + 1]! - data[i + 4]!) + Math.abs(data[i + 2]! - data[i + 5]!) <= SMOOTH_STEP) smooth++;
    }
  }
  return pairs === 0 || (clear >= MIN_CLEAR_SHARE * pairs && smooth >= MIN_SMOOTH_SHARE * clear);
}

/** Emoji and icons come in several colours; a line of text in one or two. */
function fewColours(image: RgbImage, glyphs: readonly InkPiece[]): boolean {
  const colours: Rgb[] = [];
  for (const colour of glyphs.map((glyph) => meanColour(image, glyph))) {
    if (colours.some((other) => Math.hypot(colour[0] - other[0], colour[1] - other[1], colour[2] - other[2]) <= SAME_COLOUR)) continue;
    colours.push(colour);
    if (colours.length > MAX_COLOURS) return false;
  }
  return true;
}

/** Ink that might be text: worth a second reading. */
export function worthReading(image: RgbImage, unread: UnreadInk): boolean {
  const { glyphs } = unread;
  if (unread.lineHeight < MIN_LINE_HEIGHT) return false;
  const few = letterCount(unread) < MIN_LETTERS;
  const unlikeLetter = (glyph: InkPiece): boolean => glyph.box.width < MIN_FEW_GLYPH_ASPECT * glyph.box.height || isSolidBlob(glyph);
  if (few && (unread.lineHeight < MIN_FEW_GLYPHS_HEIGHT || glyphs.some(unlikeLetter))) return false;
  // Rows of one repeated symbol are told by the single marks: letters run together differ too little.
  const singles = glyphs.filter((glyph) => lettersIn(glyph, unread.lineHeight) === 1);
  if (!few && (glyphs.filter(isBar).length > MAX_BAR_SHARE * glyphs.length || shapeCount(singles, MIN_SHAPES) < Math.min(MIN_SHAPES, singles.length))) {
    return false;
  }
  return onFlatBackground(image, unread);
}

/**
 * Ink that is plainly text, for reporting as illegible when no reading came of it: it is worth reading,
 * holds a few letters in a colour or two, and three of them sit as close as letters in a word do.
 */
export function plainlyText(image: RgbImage, unread: UnreadInk): boolean {
  const { glyphs, lineHeight } = unread;
  if (lineHeight < MIN_PLAIN_HEIGHT || letterCount(unread) < MIN_LETTERS || !worthReading(image, unread)) return false;
  if (!fewColours(image, glyphs)) return false;
  if (glyphs.some((glyph) => lettersIn(glyph, lineHeight) > 1)) return true;
  let tightPairs = 0;
  for (let i = 1; i < glyphs.length; i++) {
    const gap = glyphs[i]!.box.x - (glyphs[i - 1]!.box.x + glyphs[i - 1]!.box.width);
    tightPairs = gap <= LETTER_GAP * lineHeight ? tightPairs + 1 : 0;
    if (tightPairs >= MIN_TIGHT_PAIRS) return true;
  }
  return false;
}
