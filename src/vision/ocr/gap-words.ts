/**
 * Adds the words of the second pass (see second-pass.ts) to the lines of the first, word by word.
 *
 * A second reading covers ink the first left unread, often inside a line it read in part: its words go
 * into that line where they fit. Where it overlaps words already read it is either the same text again
 * (dropped) or a better reading of them ("Time:" for "Tim"), which replaces them.
 */
import type { OcrLine, OcrWord } from '../../screen/ocr-text.js';
import { area, coversWithin, intersectionArea } from '../../screen/box.js';
import { lineOfWords } from './line-of-words.js';
import { SURE_WORD } from './unread-ink.js';

/** Words overlapping by this share of the smaller box are two readings of the same ink. */
const SAME_INK = 0.3;
/** A better reading replaces words only when this sure. */
const SURE_REPLACEMENT = 0.7;
/** A word overlapping this share of another's box spans it but for a mark at its end ("files" and "Tes."; "win!" and "o" read off its "!"). */
const MOSTLY_SPANNED = 0.5;
/**
 * A word box this many times as tall as the new word's, which lies within its rows (give or take
 * ROW_SLACK pixels), spans several rows: a misreading. One the new word sticks out of is a taller word
 * ("win!" over the "o" read off its "!").
 */
const MAX_HEIGHT_RATIO = 1.75;
const ROW_SLACK = 2;
/** A word joins a line it overlaps vertically by this share of the shorter, within this many heights. */
const SAME_ROW = 0.6;
const LINE_REACH = 1;

const letters = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Whether `word` is a better reading of `overlapped`: it spans them and they were unsure (which is why
 * their ink was read again: "LAZE" at 0.53 for "win!"), or it says more, or as much more surely; or
 * they are a misreading boxed over several rows, far taller than the word.
 */
function isBetterReading(word: OcrWord, overlapped: readonly OcrWord[]): boolean {
  if (word.confidence < SURE_REPLACEMENT) return false;
  const rowWithin = (other: OcrWord): boolean =>
    other.box.height >= MAX_HEIGHT_RATIO * word.box.height &&
    word.box.y >= other.box.y - ROW_SLACK &&
    word.box.y + word.box.height <= other.box.y + other.box.height + ROW_SLACK;
  if (overlapped.every(rowWithin)) return true;
  const slack = 2 + Math.round(0.1 * word.box.height);
  // It spans each of them, but for a trailing dot or bracket it may have been cut without ("files" for "Tes.").
  const spanned = (other: OcrWord): boolean =>
    coversWithin(word.box, other.box, slack) || intersectionArea(word.box, other.box) >= MOSTLY_SPANNED * area(other.box);
  if (!overlapped.every(spanned)) return false;
  if (overlapped.every((other) => other.confidence < SURE_WORD)) return true;
  const length = letters(word.text).length;
  const theirs = overlapped.reduce((sum, other) => sum + letters(other.text).length, 0);
  return length > theirs || (length === theirs && overlapped.every((other) => other.confidence < word.confidence));
}

function joinsLine(line: OcrLine, word: OcrWord): boolean {
  const overlap = Math.min(line.box.y + line.box.height, word.box.y + word.box.height) - Math.max(line.box.y, word.box.y);
  if (overlap < SAME_ROW * Math.min(line.box.height, word.box.height)) return false;
  const reach = LINE_REACH * Math.max(line.box.height, word.box.height);
  return word.box.x <= line.box.x + line.box.width + reach && word.box.x + word.box.width >= line.box.x - reach;
}

/**
 * Longer readings go in first: a run read whole ("You win!") is not dropped for overlapping a piece of
 * it read alone as something else ("o" for the "!"), which is then dropped for overlapping it.
 */
export function addGapWords(lines: readonly OcrLine[], found: readonly OcrLine[]): OcrLine[] {
  let result = [...lines];
  const longestFirst = [...found].sort((a, b) => letters(b.text).length - letters(a.text).length);
  for (const foundLine of longestFirst) {
    const newWords: OcrWord[] = [];
    for (const word of foundLine.words) {
      const overlapped = result
        .flatMap((line) => line.words)
        .filter((other) => intersectionArea(other.box, word.box) >= SAME_INK * Math.min(area(other.box), area(word.box)));
      if (overlapped.length > 0 && !isBetterReading(word, overlapped)) continue;
      result = result
        .map((line) => {
          const kept = line.words.filter((other) => !overlapped.includes(other));
          return kept.length === line.words.length ? line : kept.length > 0 ? lineOfWords(line, kept) : undefined;
        })
        .filter((line): line is OcrLine => line !== undefined);
      const index = result.findIndex((line) => joinsLine(line, word));
      if (index >= 0) result[index] = lineOfWords(result[index]!, [...result[index]!.words, word]);
      else newWords.push(word);
    }
    if (newWords.length === 0) continue;
    // The words of one reading are one line: those that joined no line go where the others went.
    const home = result.findIndex((line) => line.words.some((word) => foundLine.words.includes(word)));
    if (home >= 0) result[home] = lineOfWords(result[home]!, [...result[home]!.words, ...newWords]);
    else result.push(lineOfWords(foundLine, newWords));
  }
  return result;
}
