import { findPhraseMatches, normalizeText, type TextMatch } from '../../screen/text-match.js';
import type { Box } from '../../screen/box.js';
import type { OcrLine } from '../../screen/ocr-text.js';

/**
 * A phrase read in part, where the rest of it would stand at an edge of what OCR read: "over:" for
 * "Game over!" when nothing was read before "over", "Length of username must be between" with the
 * "3 and" of the next line unread. The rest may be there unread, so the phrase is neither found nor
 * ruled out, when OCR doubted what it read or saw unreadable text where the rest would be. A sure read
 * with nothing beside it is what it says: the label "Password" is not a piece of "Invalid password";
 * and when OCR read other words where the rest should be ("PASS x" for "RUNS x"), it is another text.
 */

/** At least this share of the phrase's words must be read for a part to count. */
const MIN_SHARE = 0.5;
/** A part read this surely is complete as read, unless unreadable text lies where the rest would be. */
const SURE = 0.8;
/** How far beside the part (in its line's heights) unreadable text may be and still be the rest. */
const BESIDE = 3;

export interface PartialRead {
  match: TextMatch;
  /** Where the unread rest would be: before the part, or after it (along the row, or on the next line). */
  rest: 'before' | 'after';
}

function wordsOf(text: string): string[] {
  return normalizeText(text).split(' ').filter(Boolean);
}

/** The read matches the line's first (or last) words: nothing was read where the phrase goes on. */
function atLineEdge(match: TextMatch, line: OcrLine, edge: 'start' | 'end'): boolean {
  const words = line.words;
  if (words.length === 0) return true;
  return edge === 'start' ? words[0] === match.words[0] : words.at(-1) === match.words.at(-1);
}

export function partialRead(lines: OcrLine[], phrase: string): PartialRead | null {
  const words = wordsOf(phrase);
  if (words.length < 2) return null;
  const shortest = Math.max(1, Math.ceil(words.length * MIN_SHARE));
  for (let size = words.length - 1; size >= shortest; size--) {
    // The phrase's tail read at the start of a line (its head unread before it), or its head at the end.
    for (const [part, edge, rest] of [
      [words.slice(words.length - size), 'start', 'before'],
      [words.slice(0, size), 'end', 'after'],
    ] as const) {
      if (!part.some((word) => /\p{L}{3,}|\p{N}{2,}/u.test(word))) continue;
      const match = findPhraseMatches(lines, part.join(' '), { acrossLines: false }).find((m) => m.sameWords && atLineEdge(m, m.line, edge));
      if (match) return { match, rest };
    }
  }
  return null;
}

function unsure(match: TextMatch): boolean {
  return Math.min(match.line.confidence, ...match.words.map((w) => w.confidence)) < SURE;
}

/** Unreadable text where the rest would stand: on the part's row on that side, or on the line below or above. */
function besideIllegible({ match, rest }: PartialRead, illegible: readonly Box[]): boolean {
  const { box } = match;
  const reach = BESIDE * box.height;
  return illegible.some((place) => {
    const sameRow = Math.abs(place.y + place.height / 2 - (box.y + box.height / 2)) <= box.height;
    const alongRow = rest === 'before' ? box.x - (place.x + place.width) : place.x - (box.x + box.width);
    if (sameRow && alongRow >= -box.height && alongRow <= reach) return true;
    const nextLine = rest === 'after' ? place.y - (box.y + box.height) : box.y - (place.y + place.height);
    return nextLine >= -box.height / 2 && nextLine <= box.height * 1.5 && place.x < box.x + box.width + reach && place.x + place.width > box.x - reach;
  });
}

/** Whether a partial read leaves the phrase in doubt. */
export function doubtfulPart(part: PartialRead | null, illegible: readonly Box[]): part is PartialRead {
  return part !== null && (unsure(part.match) || besideIllegible(part, illegible));
}
