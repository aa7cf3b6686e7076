/**
 * The second pass: reads the text-like ink the first pass left unread, each run cropped on its own and
 * drawn dark on white (see ink-crop.ts), tries other ways to draw what reads as nothing (see
 * column-crop.ts, two-colour-crop.ts, stroke-crop.ts), and names the places where even that reads nothing.
 *
 * It costs nothing on a screen the first pass read in full: no ink is left, and no crop is read.
 */
import { PSM } from 'tesseract.js';
import { area, intersectionArea, type Box } from '../../screen/box.js';
import type { OcrLine } from '../../screen/ocr-text.js';
import { cropAgainstColumns } from './column-crop.js';
import { addGapWords } from './gap-words.js';
import type { InkLine } from './glyph-lines.js';
import { cropUnreadInk, RETRY_LINE_HEIGHT, TARGET_LINE_HEIGHT } from './ink-crop.js';
import { readPieces, type Recognition } from './read-pieces.js';
import { cropStrokes } from './stroke-crop.js';
import type { RegionCrop } from './region-crop.js';
import type { RgbImage } from './rgb-image.js';
import { plainlyText, worthReading } from './text-likeness.js';
import { cropOneInk, twoInks } from './two-colour-crop.js';
import { findUnreadInk, type UnreadInk } from './unread-ink.js';

/**
 * The second reading is the last: words of sure letters are kept whatever tesseract thinks of their
 * spaces. A reading of a few marks is often a guess at an icon or a sliver of a frame ("J", "kk"): a
 * word of fewer than three letters needs SURE_SHORT_WORD.
 */
const SURE_SHORT_WORD = 0.8;
const LAST_READING = { minShortWordConfidence: SURE_SHORT_WORD, trustSureLetters: true };

/** A place a word read in the end covers by this share is not illegible. */
const READ_SHARE = 0.5;

export interface SecondPass {
  /** The first pass's lines with the second's words added. */
  lines: OcrLine[];
  illegible: Box[];
}

/** A way to draw a run: the crops it makes of it, each read. */
interface Drawing {
  draw(ink: UnreadInk): RegionCrop[];
  /**
   * Whether the crops are guesses at one text, of which only the surest reading is kept; otherwise each
   * crop holds a text of its own, and all are kept.
   */
  guesses?: boolean;
}

/**
 * Ways to draw a run that read as nothing, tried in turn before it is called illegible: at another size;
 * against the colour around it column by column (text on a gradient); each of two inks on its own (two
 * texts drawn over each other); by its strokes, light or dark, against a background that changes under
 * them (a translucent button over a game board). A way that does not apply to a run draws nothing.
 */
const retries = (image: RgbImage): Drawing[] => [
  { draw: (ink) => [cropUnreadInk(image, ink, RETRY_LINE_HEIGHT)] },
  { draw: (ink) => [cropAgainstColumns(image, ink)] },
  {
    draw: (ink) => {
      const inks = twoInks(image, ink);
      return inks ? [cropOneInk(image, ink, inks[0], inks[1]), cropOneInk(image, ink, inks[1], inks[0])] : [];
    },
  },
  { draw: (ink) => [cropStrokes(image, ink, 'light'), cropStrokes(image, ink, 'dark')], guesses: true },
];

/**
 * A guess is kept only when some word of it, of at least three letters or digits, reads at least this
 * surely: a drawing that found real text reads one word surely, while text in a script the model lacks
 * reads as a run of unsure Latin letters ("dgbodgbobmgal" at 0.66), which is an illegible place, not text.
 */
const SURE_GUESS_WORD = 0.85;
const isSureGuess = (lines: readonly OcrLine[]): boolean =>
  lines.some((line) => line.words.some((word) => word.confidence >= SURE_GUESS_WORD && word.text.replace(/[^\p{L}\p{N}]/gu, '').length >= 3));

/** How much a reading says, and how surely: its letters weighted by their words' confidence. */
const weight = (lines: readonly OcrLine[]): number =>
  lines.flatMap((line) => line.words).reduce((sum, word) => sum + word.confidence * word.text.replace(/[^\p{L}\p{N}]/gu, '').length, 0);

/** The lines read from each run's crops, in the runs' order. */
async function readEach(recognition: Recognition, inks: readonly UnreadInk[], { draw, guesses = false }: Drawing): Promise<OcrLine[][]> {
  const crops = inks.flatMap((ink, index) => draw(ink).map((crop) => ({ index, piece: { ...crop, region: ink.box, mode: PSM.SINGLE_LINE, policy: LAST_READING } })));
  const read = await readPieces(recognition, crops.map(({ piece }) => piece));
  const lines = inks.map((): OcrLine[] => []);
  crops.forEach(({ index }, i) => {
    if (!guesses) lines[index]!.push(...read[i]!);
    else if (isSureGuess(read[i]!) && weight(read[i]!) > weight(lines[index]!)) lines[index] = read[i]!;
  });
  return lines;
}

export async function readUnreadInk(recognition: Recognition, inkLines: readonly InkLine[], firstLines: readonly OcrLine[]): Promise<SecondPass> {
  const { image } = recognition;
  const firstWords = firstLines.flatMap((line) => line.words);
  const unread = findUnreadInk(inkLines, firstWords).filter((ink) => worthReading(image, ink));
  if (unread.length === 0) return { lines: [...firstLines], illegible: [] };
  const found = await readEach(recognition, unread, { draw: (ink) => [cropUnreadInk(image, ink, TARGET_LINE_HEIGHT)] });
  const readLines = found.flat();
  let failed = unread.filter((ink, i) => found[i]!.length === 0 && plainlyText(image, ink));
  for (const retry of retries(image)) {
    if (failed.length === 0) break;
    const retried = await readEach(recognition, failed, retry);
    readLines.push(...retried.flat());
    failed = failed.filter((_, i) => retried[i]!.length === 0);
  }
  const lines = addGapWords(firstLines, readLines);
  // A piece read as nothing on its own may have been read with its neighbours ("Ha" in "Happy toasting").
  const words = lines.flatMap((line) => line.words);
  const unreadBox = (box: Box): boolean => !words.some((word) => intersectionArea(word.box, box) >= READ_SHARE * area(box));
  return { lines, illegible: failed.map((ink) => ink.box).filter(unreadBox) };
}
