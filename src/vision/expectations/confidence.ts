import type { TextMatch } from '../text-match.js';
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
  /** No frame had any text, or there were no frames. */
  noText: 0.2,
  /** A low-confidence read came close to the phrase: it may be there, misread. */
  nearMiss: 0.4,
  /** An unquoted or error claim was not read: OCR may have missed it, or the words describe. */
  heuristicMissing: 0.4,
} as const;

/** A read this close to the threshold with words OCR itself doubts may be the phrase, misread. */
export const NEAR_MISS_BAND = 0.15;
export const LOW_OCR_CONFIDENCE = 0.7;

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
 * reaches the certainty of a match; clean reads of the rest of the frames make it more believable.
 */
export function absenceConfidence(reads: FrameRead[]): number {
  const lines = reads.flatMap((read) => read.observation.lines);
  if (lines.length === 0) return UNCERTAIN_CONFIDENCE.noText;
  const meanLineConfidence = lines.reduce((sum, line) => sum + line.confidence, 0) / lines.length;
  return 0.6 + 0.3 * meanLineConfidence;
}

export function isLowConfidenceNearMiss(match: TextMatch | null, threshold: number): match is TextMatch {
  return match !== null && match.score >= threshold - NEAR_MISS_BAND && meanWordConfidence(match) < LOW_OCR_CONFIDENCE;
}
