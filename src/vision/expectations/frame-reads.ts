import { findPhraseMatches, normalizeText, type TextMatch } from '../../screen/text-match.js';
import { ERROR_NOUNS, ERROR_TERMS, REASSURING_PREFIXES, VALIDATION_TERMS, WARNING_TERMS } from '../../screen/error-vocabulary.js';
import type { OcrLine } from '../../screen/ocr-text.js';
import { partialRead, type PartialRead } from './partial-reads.js';
import type { ScreenMoment } from './screen-moments.js';

/** What one moment's OCR lines say about one thing being looked for. */
export interface FrameRead {
  moment: ScreenMoment;
  /** The best match at or above the match threshold: the text is on this frame. */
  found: TextMatch | null;
  /** Every place the text is at, when it is at more than one (a toast and a form field saying the same). */
  places: TextMatch[];
  /** Without `found`: the closest read worth mentioning, to explain a miss or flag a misread. */
  closest: TextMatch | null;
  /** Without `found`: part of the phrase read where the rest would be unread (see partial-reads.ts). */
  partial: PartialRead | null;
}

/** Below this a read is unrelated text, not a near miss worth reporting. */
const NEAR_MISS_FLOOR = 0.6;

/**
 * Single error words are short, so one OCR slip turns them into other words ("failed" → "filed");
 * they need a closer match than phrases.
 */
const ERROR_TERM_THRESHOLD = 0.85;

/**
 * The phrase is found where its words were read, give or take OCR slips; a read that is merely
 * similar (a different word in it) is only the closest, to explain a miss or to flag a doubt.
 */
export function readPhrase(moments: ScreenMoment[], phrase: string): FrameRead[] {
  return moments.map((moment) => {
    const matches = findPhraseMatches(moment.lines, phrase, { threshold: NEAR_MISS_FLOOR });
    const places = matches.filter((match) => match.sameWords);
    const found = places[0] ?? null;
    return { moment, found, places, closest: found ? null : (matches[0] ?? null), partial: found ? null : partialRead(moment.lines, phrase) };
  });
}

/** "No errors", "0 errors found": an error word after a reassuring word is no error message. */
function isReassurance(match: TextMatch): boolean {
  const first = match.words[0];
  const at = first ? match.line.words.indexOf(first) : -1;
  const before = at > 0 ? match.line.words[at - 1] : undefined;
  return before !== undefined && REASSURING_PREFIXES.has(normalizeText(before.text));
}

/** A line that is nothing but "Error" or "Warnings" names something (a button, a tab, a heading); it is no message. */
function isLoneNoun(line: OcrLine): boolean {
  const words = normalizeText(line.text).split(' ');
  return words.length === 1 && ERROR_NOUNS.has(words[0]!);
}

function errorHit(line: OcrLine, terms: readonly string[]): TextMatch | undefined {
  return terms
    .flatMap((term) => findPhraseMatches([line], term, { threshold: ERROR_TERM_THRESHOLD, acrossLines: false }))
    .find((match) => match.sameWords && !isReassurance(match));
}

/**
 * The first line per moment that reads like an error message, reported as the whole line since the
 * message, not the one word that gave it away, is the evidence.
 */
export function readErrorText(moments: ScreenMoment[], includeWarnings: boolean): FrameRead[] {
  const terms = includeWarnings ? [...ERROR_TERMS, ...WARNING_TERMS] : ERROR_TERMS;
  const opening = new Set((moments.find((m) => m.lines.length > 0)?.lines ?? []).map((line) => normalizeText(line.text)));
  return moments.map((moment) => {
    let found: TextMatch | null = null;
    for (const line of moment.lines) {
      if (isLoneNoun(line)) continue;
      const hit = errorHit(line, terms) ?? (opening.has(normalizeText(line.text)) ? undefined : errorHit(line, VALIDATION_TERMS));
      if (hit) {
        found = { ...hit, text: line.text, box: line.box, words: line.words.length > 0 ? line.words : hit.words };
        break;
      }
    }
    return { moment, found, places: found ? [found] : [], closest: null, partial: null };
  });
}
