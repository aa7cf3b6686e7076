import { DEFAULT_MATCH_THRESHOLD, findPhrase, findPhraseMatches, normalizeText, type TextMatch } from '../text-match.js';
import type { FrameObservation } from '../types.js';
import { ERROR_TERMS, REASSURING_PREFIXES, WARNING_TERMS } from './error-vocabulary.js';

/** What one frame's OCR lines say about one thing being looked for. */
export interface FrameRead {
  observation: FrameObservation;
  /** The best match at or above the match threshold: the text is on this frame. */
  found: TextMatch | null;
  /** Without `found`: the closest read worth mentioning, to explain a miss or flag a misread. */
  closest: TextMatch | null;
}

/** Below this a read is unrelated text, not a near miss worth reporting. */
const NEAR_MISS_FLOOR = 0.6;

/**
 * Single error words are short, so one OCR slip turns them into other words ("failed" → "filed");
 * they need a closer match than phrases.
 */
const ERROR_TERM_THRESHOLD = 0.85;

export function readPhrase(observations: FrameObservation[], phrase: string): FrameRead[] {
  return observations.map((observation) => {
    const best = findPhrase(observation.lines, phrase, { threshold: NEAR_MISS_FLOOR });
    const found = best && best.score >= DEFAULT_MATCH_THRESHOLD ? best : null;
    return { observation, found, closest: found ? null : best };
  });
}

/** "No errors", "0 errors found": an error word after a reassuring word is no error message. */
function isReassurance(match: TextMatch): boolean {
  const first = match.words[0];
  const at = first ? match.line.words.indexOf(first) : -1;
  const before = at > 0 ? match.line.words[at - 1] : undefined;
  return before !== undefined && REASSURING_PREFIXES.has(normalizeText(before.text));
}

/**
 * The first line per frame that reads like an error message, reported as the whole line since the
 * message, not the one word that gave it away, is the evidence.
 */
export function readErrorText(observations: FrameObservation[], includeWarnings: boolean): FrameRead[] {
  const terms = includeWarnings ? [...ERROR_TERMS, ...WARNING_TERMS] : ERROR_TERMS;
  return observations.map((observation) => {
    let found: TextMatch | null = null;
    for (const line of observation.lines) {
      const hit = terms
        .flatMap((term) => findPhraseMatches([line], term, { threshold: ERROR_TERM_THRESHOLD, acrossLines: false }))
        .find((match) => !isReassurance(match));
      if (hit) {
        found = { ...hit, text: line.text, box: line.box, words: line.words.length > 0 ? line.words : hit.words };
        break;
      }
    }
    return { observation, found, closest: null };
  });
}
