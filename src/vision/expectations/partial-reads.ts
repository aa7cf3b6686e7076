import { findPhraseMatches, normalizeText, type TextMatch } from '../text-match.js';
import type { OcrLine } from '../types.js';

/**
 * A phrase read in part, unsurely, where the rest of it would stand at an edge of what OCR read:
 * "over:" (at 0.59) for "Game over!" when nothing was read before "over". The rest may be there unread
 * (large light text on an overlay, a badge merged into the line), so the phrase is neither found nor
 * ruled out. A sure read is what it says: the label "Password" is not a piece of "Invalid password",
 * and when OCR read other words where the rest should be ("PASS x" for "RUNS x"), it is another text.
 */

/** At least this share of the phrase's words must be read for a part to count. */
const MIN_SHARE = 0.5;
/** A part read this surely is complete as read. */
const SURE = 0.8;

function wordsOf(text: string): string[] {
  return normalizeText(text).split(' ').filter(Boolean);
}

/** The read matches the line's first (or last) words: nothing was read where the phrase goes on. */
function atLineEdge(match: TextMatch, line: OcrLine, edge: 'start' | 'end'): boolean {
  const words = line.words.length > 0 ? line.words : [];
  if (words.length === 0) return true;
  return edge === 'start' ? words[0] === match.words[0] : words.at(-1) === match.words.at(-1);
}

export function partialRead(lines: OcrLine[], phrase: string): TextMatch | null {
  const words = wordsOf(phrase);
  if (words.length < 2) return null;
  const shortest = Math.max(1, Math.ceil(words.length * MIN_SHARE));
  for (let size = words.length - 1; size >= shortest; size--) {
    // The phrase's tail read at the start of a line (its head unread before it), or its head at the end.
    for (const [part, edge] of [
      [words.slice(words.length - size), 'start'],
      [words.slice(0, size), 'end'],
    ] as const) {
      if (!part.some((word) => /\p{L}{3,}|\p{N}{2,}/u.test(word))) continue;
      const match = findPhraseMatches(lines, part.join(' '), { acrossLines: false }).find(
        (m) => m.sameWords && atLineEdge(m, m.line, edge) && Math.min(m.line.confidence, ...m.words.map((w) => w.confidence)) < SURE,
      );
      if (match) return match;
    }
  }
  return null;
}
