import type { TextMatch } from '../../screen/text-match.js';
import type { FrameRead } from './frame-reads.js';

/** How sure each kind of judgement is allowed to be. Kept together so they can be tuned as a set. */

/** Guessed phrases and error vocabulary are heuristics: their judgements weigh less than quoted text. */
export const HEURISTIC_WEIGHT = { quoted: 1, unquoted: 0.6, errorText: 0.7 } as const;

/** Confidence of `uncertain` results: how much the check could still tell. */
export const UNCERTAIN_CONFIDENCE = {
  /** Colour, layout, icons: OCR text says nothing about them. */
  visual: 0.3,
  /** No claim about the screen was recognised. */
  unrecognised: 0.2,
  /** Some claims held, but a later one named no text to look for. */
  unjudged: 0.3,
  /** No frame had any text, or there were no frames. */
  noText: 0.2,
  /** A low-confidence read came close to the phrase: it may be there, misread. */
  nearMiss: 0.4,
  /** An unquoted or error claim was not read: OCR may have missed it, or the words describe. */
  heuristicMissing: 0.4,
  /** Part of the input in scope was not read, or held text OCR could not read: absence is unproven. */
  notSeen: 0.3,
  /** The text went from one place and stayed at another: which the claim means is not in the text. */
  ambiguous: 0.4,
} as const;

/**
 * Reads this similar to the phrase but with a word that differs are near misses: another text when OCR
 * read every word surely, perhaps the phrase misread when it did not. Below, down to the band, only a
 * read OCR itself doubts may still be the phrase.
 */
const NEAR_MISS_SCORE = 0.8;
const NEAR_MISS_BAND = 0.15;
const LOW_OCR_CONFIDENCE = 0.7;
/** How sure OCR must be of every word of a near miss for it to count as another text. */
const SURE_WORD = { present: 0.8, absent: 0.9 } as const;

export function meanWordConfidence(match: TextMatch): number {
  if (match.words.length === 0) return match.line.confidence;
  return match.words.reduce((sum, word) => sum + word.confidence, 0) / match.words.length;
}

/** Similarity tempered by how confidently OCR read the words: a sure misread is still a misread. */
export function matchConfidence(match: TextMatch): number {
  return match.score * (0.5 + 0.5 * meanWordConfidence(match));
}

/**
 * How sure "not there" is. OCR misses lines (small, low-contrast, on images), so an absence never
 * reaches the certainty of a match; clean reads of the rest of the moments make it more believable.
 */
export function absenceConfidence(reads: FrameRead[]): number {
  const lines = reads.flatMap((read) => read.moment.lines);
  if (lines.length === 0) return UNCERTAIN_CONFIDENCE.noText;
  const meanLineConfidence = lines.reduce((sum, line) => sum + line.confidence, 0) / lines.length;
  return 0.6 + 0.3 * meanLineConfidence;
}

/**
 * Whether a near miss leaves the claim in doubt. An absence is held to a stricter standard: passing
 * "never shown" over a misread of the very phrase is the worst mistake a checker can make.
 */
export function isDoubtfulNearMiss(match: TextMatch | null, looking: 'present' | 'absent'): match is TextMatch {
  if (!match || match.sameWords || match.score < NEAR_MISS_SCORE - NEAR_MISS_BAND) return false;
  if (match.score < NEAR_MISS_SCORE) return meanWordConfidence(match) < LOW_OCR_CONFIDENCE;
  const weakest = Math.min(...match.words.map((word) => word.confidence), match.line.confidence);
  return weakest < SURE_WORD[looking];
}
