/**
 * The second pass: reads the text-like ink the first pass left unread, each run cropped on its own and
 * drawn dark on white (see ink-crop.ts), and names the places where even that reads nothing.
 *
 * It costs nothing on a screen the first pass read in full: no ink is left, and no crop is read.
 */
import { PSM } from 'tesseract.js';
import type { Box, OcrLine } from '../types.js';
import { addGapWords } from './gap-words.js';
import type { InkLine } from './glyph-lines.js';
import { cropUnreadInk, RETRY_LINE_HEIGHT, TARGET_LINE_HEIGHT } from './ink-crop.js';
import { readPieces, type Recognition } from './read-pieces.js';
import { plainlyText, worthReading } from './text-likeness.js';
import { findUnreadInk, type UnreadInk } from './unread-ink.js';

/**
 * The second reading is the last: words of sure letters are kept whatever tesseract thinks of their
 * spaces. A reading of a few marks is often a guess at an icon or a sliver of a frame ("J", "kk"): a
 * word of fewer than three letters needs SURE_SHORT_WORD.
 */
const SURE_SHORT_WORD = 0.8;
const LAST_READING = { minShortWordConfidence: SURE_SHORT_WORD, trustSureLetters: true };

export interface SecondPass {
  /** The first pass's lines with the second's words added. */
  lines: OcrLine[];
  illegible: Box[];
}

export async function readUnreadInk(recognition: Recognition, inkLines: readonly InkLine[], firstLines: readonly OcrLine[]): Promise<SecondPass> {
  const { image } = recognition;
  const firstWords = firstLines.flatMap((line) => line.words);
  const unread = findUnreadInk(inkLines, firstWords).filter((ink) => worthReading(image, ink));
  if (unread.length === 0) return { lines: [...firstLines], illegible: [] };
  const read = (inks: readonly UnreadInk[], lineHeight: number): Promise<OcrLine[][]> =>
    readPieces(
      recognition,
      inks.map((ink) => ({ ...cropUnreadInk(image, ink, lineHeight), region: ink.box, mode: PSM.SINGLE_LINE, policy: LAST_READING })),
    );
  const found = await read(unread, TARGET_LINE_HEIGHT);
  // Text that read as nothing gets one more try at another size before it is called illegible.
  const failed = unread.filter((ink, i) => found[i]!.length === 0 && plainlyText(image, ink));
  const retried = await read(failed, RETRY_LINE_HEIGHT);
  return {
    lines: addGapWords(firstLines, [...found.flat(), ...retried.flat()]),
    illegible: failed.filter((_, i) => retried[i]!.length === 0).map((ink) => ink.box),
  };
}
