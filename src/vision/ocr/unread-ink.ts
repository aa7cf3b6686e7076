/**
 * The text the first pass left unread: runs of ink-line words (see glyph-lines.ts) no read word covers.
 *
 * A word with any letter left uncovered is taken whole, so a second reading has the whole word to go
 * on ("Tim" read, "e:" left) and can replace the first one.
 */
import { area, intersectionArea, unionBox, type Box } from '../../screen/box.js';
import type { OcrWord } from '../../screen/ocr-text.js';
import type { InkLine, InkPiece } from './glyph-lines.js';
import { isBar } from './glyph-shape.js';

/** A piece of an ink line to read again. */
export interface UnreadInk {
  box: Box;
  /** Height of the line it was cut from: the size of its text. */
  lineHeight: number;
  glyphs: InkPiece[];
  specks: InkPiece[];
}

/**
 * A glyph counts as read when a word box, grown by this many pixels, covers half of it; a word read
 * with less confidence than SURE_WORD, or over MAX_WORD_TO_GLYPH times as tall as the glyph (tesseract
 * boxing a row of game tiles as one word), leaves its glyphs to be read again.
 */
const WORD_SLACK = 2;
const READ_SHARE = 0.5;
export const SURE_WORD = 0.6;
const MAX_WORD_TO_GLYPH = 2;
/**
 * A mark at most SLIVER_ASPECT as wide as tall is an "l", an "I" or a "|", and as a letter at most
 * MAX_LETTER_BAR times as tall as the other letters of its line.
 */
const SLIVER_ASPECT = 0.3;
const MAX_LETTER_BAR = 1.25;
/** A line this many times as tall as the glyphs of a run is not their size. */
const MAX_LINE_TO_RUN = 1.5;
/** A gap wider than this share of the line height separates words; letters sit closer. */
const WORD_GAP = 0.25;

const grown = (box: Box, by: number): Box => ({ x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by });

/** The share of the glyph's ink within the boxes of `words`, grown by WORD_SLACK. */
function inkShareRead(glyph: InkPiece, words: readonly OcrWord[]): number {
  const boxes = words.map((word) => grown(word.box, WORD_SLACK)).filter((box) => intersectionArea(box, glyph.box) > 0);
  if (boxes.length === 0) return 0;
  const { area: layerArea, labels } = glyph.ink;
  let inside = 0;
  for (let y = glyph.box.y; y < glyph.box.y + glyph.box.height; y++) {
    for (let x = glyph.box.x; x < glyph.box.x + glyph.box.width; x++) {
      if (labels[(y - layerArea.y) * layerArea.width + x - layerArea.x] !== glyph.label) continue;
      if (boxes.some((box) => x >= box.x && y >= box.y && x < box.x + box.width && y < box.y + box.height)) inside++;
    }
  }
  return inside / glyph.pixels;
}

/**
 * Whether a word covers the glyph: half its box, or else half its ink (a line of code joined to the
 * editor's edge above it is one mark, its box twice the line's height).
 */
function isRead(glyph: InkPiece, words: readonly OcrWord[]): boolean {
  const fitting = words.filter((word) => word.box.height <= MAX_WORD_TO_GLYPH * glyph.box.height);
  return (
    fitting.some((word) => intersectionArea(glyph.box, grown(word.box, WORD_SLACK)) >= READ_SHARE * area(glyph.box)) ||
    inkShareRead(glyph, fitting) >= READ_SHARE
  );
}

/** The line's glyphs grouped into words by the gaps between them. */
function wordsOf(line: InkLine): InkPiece[][] {
  const words: InkPiece[][] = [];
  let right = -Infinity;
  for (const glyph of line.glyphs) {
    if (glyph.box.x - right > WORD_GAP * line.box.height) words.push([]);
    words.at(-1)!.push(glyph);
    right = Math.max(right, glyph.box.x + glyph.box.width);
  }
  return words;
}

/**
 * The run as one piece: its glyphs, and the specks of its line beside and above them. Its size is its
 * line's height, unless the line is far taller than its glyphs: the line may also hold a box's edge
 * left out of the run (see withoutBorders), and specks along that edge.
 */
function unreadOf(line: InkLine, glyphs: InkPiece[]): UnreadInk {
  const box = unionBox(glyphs.map((glyph) => glyph.box));
  const lineHeight = line.box.height > MAX_LINE_TO_RUN * box.height ? box.height : line.box.height;
  const specks = line.specks.filter(({ box: speck }) => {
    const middle = speck.y + speck.height / 2;
    return (
      speck.x + speck.width >= box.x - WORD_GAP * lineHeight &&
      speck.x <= box.x + box.width + WORD_GAP * lineHeight &&
      middle >= box.y - box.height / 2 &&
      middle <= box.y + 1.2 * box.height
    );
  });
  return { box: unionBox([box, ...specks.map((speck) => speck.box)]), lineHeight, glyphs, specks };
}

/**
 * The run without the slivers at its ends that stand taller than all its letters: the edge of a box or
 * a caret beside the text, not an "l". Drawn with the text, such an edge makes tesseract read nothing.
 */
function withoutBorders(run: readonly InkPiece[]): InkPiece[] {
  const sliver = (glyph: InkPiece): boolean => glyph.box.width <= SLIVER_ASPECT * glyph.box.height;
  const letters = run.filter((glyph) => !sliver(glyph));
  if (letters.length === 0) return [...run];
  const tallest = Math.max(...letters.map((glyph) => glyph.box.height));
  const border = (glyph: InkPiece): boolean => sliver(glyph) && glyph.box.height > MAX_LETTER_BAR * tallest;
  let start = 0, end = run.length;
  while (start < end && border(run[start]!)) start++;
  while (end > start && border(run[end - 1]!)) end--;
  return run.slice(start, end);
}

/**
 * Unread runs of words, each as one piece. A word whose only unread glyphs are bars is read: the bar is
 * a caret or a divider beside the word far more often than a letter tesseract missed.
 */
export function findUnreadInk(lines: readonly InkLine[], allWords: readonly OcrWord[]): UnreadInk[] {
  const words = allWords.filter((word) => word.confidence >= SURE_WORD);
  const unread: UnreadInk[] = [];
  for (const line of lines) {
    let run: InkPiece[] = [];
    const flush = (): void => {
      const text = withoutBorders(run);
      if (text.length > 0) unread.push(unreadOf(line, text));
      run = [];
    };
    for (const word of wordsOf(line)) {
      if (word.some((glyph) => !isBar(glyph) && !isRead(glyph, words))) run.push(...word);
      else flush();
    }
    flush();
  }
  return unread;
}
