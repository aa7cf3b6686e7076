/**
 * Rejoins words tesseract split at a dot or a slash in monospace text ("client. test. ts" for
 * "client.test.ts"): a monospace dot or slash stands in a full-width cell, and the blank half of that
 * cell looks like a word space. It splits a call at its bracket too ("log (answer)" for "log(answer)").
 * Text matching compares word by word, so a split path matches nothing.
 */
import type { OcrLine, OcrWord } from '../../screen/ocr-text.js';
import { unionBox } from '../../screen/box.js';
import { lineOfWords } from './line-of-words.js';

/** A split leaves a gap of at most this share of the words' height; a monospace space leaves about 0.9. */
const MAX_SPLIT_GAP = 0.75;
/**
 * A bracket opening right after a letter or digit is a call or an index, with no space before it, when
 * the gap is at most this share of the words' height: about 0.15 in code, where a space before a
 * bracket in prose ("see (below)") leaves 0.3 or more.
 */
const MAX_BRACKET_GAP = 0.2;
/** "test." then "ts": a dot inside a name, not a sentence's end, which a capital or nothing follows. */
const INNER_DOT = (before: string, after: string): boolean => before.endsWith('.') && /^[\p{Ll}\p{N}]/u.test(after);
const AT_SLASH = (before: string, after: string): boolean => before.endsWith('/') || after.startsWith('/') || after.startsWith('.');
const AT_BRACKET = (before: string, after: string): boolean => /[\p{L}\p{N}]$/u.test(before) && /^[([]/u.test(after);

function isSplit(before: OcrWord, after: OcrWord): boolean {
  const gap = after.box.x - (before.box.x + before.box.width);
  const height = Math.max(before.box.height, after.box.height);
  if (gap <= MAX_BRACKET_GAP * height && AT_BRACKET(before.text, after.text)) return true;
  if (gap > MAX_SPLIT_GAP * height) return false;
  return INNER_DOT(before.text, after.text) || AT_SLASH(before.text, after.text);
}

/** The words of one line, left to right, with split ones joined. */
function rejoinSplitWords(words: readonly OcrWord[]): OcrWord[] {
  const joined: OcrWord[] = [];
  for (const word of words) {
    const previous = joined.at(-1);
    if (!previous || !isSplit(previous, word)) {
      joined.push(word);
      continue;
    }
    joined[joined.length - 1] = {
      text: previous.text + word.text,
      confidence: (previous.confidence * previous.text.length + word.confidence * word.text.length) / (previous.text.length + word.text.length),
      box: unionBox([previous.box, word.box]),
    };
  }
  return joined;
}

export function rejoinSplitLine(line: OcrLine): OcrLine {
  const words = rejoinSplitWords(line.words);
  return words.length === line.words.length ? line : lineOfWords(line, words);
}
