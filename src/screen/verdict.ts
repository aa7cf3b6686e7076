import type { Box } from './box.js';

/** What Vaider says about an input: a status per expectation, with the stretch of the input that shows it. */

export type ExpectationStatus = 'pass' | 'fail' | 'uncertain';

/** A saved frame that shows a moment of the input. */
export interface EvidenceFrame {
  /** The keyframe's index, or null for a frame saved for this evidence because no keyframe shows the moment. */
  index: number | null;
  path: string;
}

export interface Evidence {
  /** Index of the keyframe at `path`, or null when the frame was saved for this evidence alone. */
  frameIndex: number | null;
  /** The stretch of the input the judgement rests on (s); equal for a screenshot. */
  time: number;
  end: number;
  /** A saved frame that shows it. */
  path: string;
  /** Where on the frame, when the evidence is a piece of text or an element. */
  box?: Box;
}

export interface ExpectationResult {
  expectation: string;
  status: ExpectationStatus;
  /** 0..1: how sure the provider is of `status`. */
  confidence: number;
  evidence: Evidence | null;
  explanation: string;
}

export type VerdictStatus = 'match' | 'mismatch' | 'uncertain';

export interface Verdict {
  status: VerdictStatus;
  confidence: number;
  results: ExpectationResult[];
  discrepancies: string[];
  explanation: string;
}

/** The frames failed expectations were judged on, each once: what a person looks at first. */
export function failingEvidence(verdict: Pick<Verdict, 'results'> | null | undefined): Set<string> {
  return new Set(verdict?.results.flatMap((r) => (r.status === 'fail' && r.evidence ? [r.evidence.path] : [])));
}
