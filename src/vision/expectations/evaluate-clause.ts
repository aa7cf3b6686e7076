import { DEFAULT_MATCH_THRESHOLD, type TextMatch } from '../text-match.js';
import type { Evidence, ExpectationStatus } from '../types.js';
import {
  UNCERTAIN_CONFIDENCE,
  absenceConfidence,
  isLowConfidenceNearMiss,
  matchConfidence,
} from './confidence.js';
import { evidenceAt, moment, quote } from './explain.js';
import type { FrameRead } from './frame-reads.js';
import type { ExpectationClause, TimeScope } from './parsed-expectation.js';

/** Judges one clause against what each frame read, following its time scope and negation. */

export interface ClauseOutcome {
  status: ExpectationStatus;
  confidence: number;
  evidence: Evidence | null;
  /** A sentence fragment; `sentence()` joins and capitalises them. */
  explanation: string;
}

/** One clause's target as read on every frame, with how strictly it may be judged. */
export interface ClauseTarget {
  /** How explanations name what was looked for: "'Welcome, Alice'", "error-like text". */
  label: string;
  /** How explanations name a match: the phrase (and its misreading) or the error line read. */
  describe: (match: TextMatch) => string;
  reads: FrameRead[];
  /**
   * Quoted phrases are strict. Guessed phrases and error vocabulary are not: when they are not read,
   * OCR may have missed them or the words describe the screen rather than quote it, so a positive
   * claim ends `uncertain` rather than `fail`.
   */
  strict: boolean;
  /** Multiplies every confidence: heuristics weigh less. */
  weight: number;
}

/** The frame positions a time scope is about. */
export function positionsFor(when: TimeScope, frameCount: number): number[] {
  if (when === 'first') return frameCount > 0 ? [0] : [];
  if (when === 'last') return frameCount > 0 ? [frameCount - 1] : [];
  return Array.from({ length: frameCount }, (_, i) => i);
}

function outcome(status: ExpectationStatus, confidence: number, evidence: Evidence | null, explanation: string): ClauseOutcome {
  return { status, confidence: Number(Math.min(1, Math.max(0, confidence)).toFixed(3)), evidence, explanation };
}

function scopeWords(when: TimeScope, frameCount: number): string {
  if (when === 'first') return 'on the first frame';
  if (when === 'last') return 'on the last frame';
  return frameCount === 1 ? 'on the only frame' : `on any of the ${frameCount} frames`;
}

/** A low-confidence read near the phrase on one of the frames: it may be there, misread. */
function nearMissOutcome(target: ClauseTarget, reads: FrameRead[]): ClauseOutcome | null {
  const read = reads.find((r) => isLowConfidenceNearMiss(r.closest, DEFAULT_MATCH_THRESHOLD));
  if (!read?.closest) return null;
  return outcome(
    'uncertain',
    UNCERTAIN_CONFIDENCE.nearMiss,
    evidenceAt(read.observation, read.closest),
    `${target.label} may be at ${moment(read.observation)}: OCR read ${quote(lineText(read.closest))} with low confidence`,
  );
}

/** The text of the line(s) a match sits on: more telling than the few words compared. */
function lineText(match: TextMatch): string {
  return match.lines.map((line) => line.text).join(' ');
}

/** The positive claim was not read on the frames it is about. */
function missingOutcome(target: ClauseTarget, reads: FrameRead[], when: TimeScope, frameCount: number): ClauseOutcome {
  const nearMiss = nearMissOutcome(target, reads);
  if (nearMiss) return nearMiss;
  const elsewhere = target.reads.find((r) => r.found && !reads.includes(r));
  const though = elsewhere ? `, though it appears at ${moment(elsewhere.observation)}` : '';
  const scope = scopeWords(when, frameCount);
  const lastRead = reads[reads.length - 1]!;
  if (!target.strict) {
    return outcome(
      'uncertain',
      UNCERTAIN_CONFIDENCE.heuristicMissing * target.weight,
      evidenceAt(lastRead.observation),
      `${target.label} was not read ${scope}${though}; without quotes, OCR may have missed it ` +
        'or the words may describe the screen rather than quote it',
    );
  }
  const closest = reads.reduce<FrameRead | undefined>(
    (best, r) => (r.closest && (!best?.closest || r.closest.score > best.closest.score) ? r : best),
    undefined,
  );
  const nearest = closest?.closest
    ? ` (closest: ${quote(lineText(closest.closest))} at ${moment(closest.observation)})`
    : '';
  return outcome(
    'fail',
    absenceConfidence(reads) * target.weight,
    closest?.closest ? evidenceAt(closest.observation, closest.closest) : evidenceAt(lastRead.observation),
    `${target.label} does not appear ${scope}${nearest}${though}`,
  );
}

function readsInScope(clause: ExpectationClause, target: ClauseTarget): FrameRead[] {
  return positionsFor(clause.when, target.reads.length).map((p) => target.reads[p]!);
}

/** "Throughout" failed: the first frame without the text. */
function missingSomewhereOutcome(target: ClauseTarget, missing: FrameRead[]): ClauseOutcome {
  const nearMiss = nearMissOutcome(target, missing);
  if (nearMiss) return nearMiss;
  const firstMissing = missing[0]!;
  const evidence = evidenceAt(firstMissing.observation);
  const explanation = `${target.label} is missing at ${moment(firstMissing.observation)}, though it should be on every frame`;
  return target.strict
    ? outcome('fail', absenceConfidence(missing) * target.weight, evidence, explanation)
    : outcome('uncertain', UNCERTAIN_CONFIDENCE.heuristicMissing * target.weight, evidence, explanation);
}

function evaluatePresent(clause: ExpectationClause, target: ClauseTarget): ClauseOutcome {
  const frameCount = target.reads.length;
  const reads = readsInScope(clause, target);
  const hits = reads.filter((r) => r.found);
  const always = clause.when === 'always';
  if (always && hits.length < reads.length) return missingSomewhereOutcome(target, reads.filter((r) => !r.found));
  const first = hits[0];
  if (!first?.found) return missingOutcome(target, reads, clause.when, frameCount);

  // Every frame must hold for "throughout", so its weakest read counts; otherwise the clearest one.
  const confidences = hits.map((r) => matchConfidence(r.found!));
  const confidence = always ? Math.min(...confidences) : Math.max(...confidences);
  const where =
    always && frameCount > 1 ? `on all ${frameCount} frames from ${moment(first.observation)}` : `at ${moment(first.observation)}`;
  return outcome(
    'pass',
    confidence * target.weight,
    evidenceAt(first.observation, first.found),
    `${target.describe(first.found)} appears ${where}`,
  );
}

function evaluateAbsent(clause: ExpectationClause, target: ClauseTarget): ClauseOutcome {
  const frameCount = target.reads.length;
  const reads = readsInScope(clause, target);
  const hit = reads.find((r) => r.found);
  if (hit?.found) {
    const scope =
      clause.when === 'first' || clause.when === 'last' ? `should not be ${scopeWords(clause.when, frameCount)}` : 'should never appear';
    return outcome(
      'fail',
      matchConfidence(hit.found) * target.weight,
      evidenceAt(hit.observation, hit.found),
      `${target.describe(hit.found)} appears at ${moment(hit.observation)} but ${scope}`,
    );
  }
  const nearMiss = nearMissOutcome(target, reads);
  if (nearMiss) return nearMiss;
  const lastRead = reads[reads.length - 1]!;
  return outcome(
    'pass',
    absenceConfidence(reads) * target.weight,
    evidenceAt(lastRead.observation),
    `${target.label} does not appear ${scopeWords(clause.when, frameCount)}`,
  );
}

export function evaluateClause(clause: ExpectationClause, target: ClauseTarget): ClauseOutcome {
  if (target.reads.length === 0) {
    return outcome('uncertain', UNCERTAIN_CONFIDENCE.noText, null, `there were no frames to look for ${target.label} on`);
  }
  if (target.reads.every((r) => r.observation.lines.length === 0)) {
    const explanation = `no text was read on any frame, so ${target.label} cannot be checked`;
    return outcome('uncertain', UNCERTAIN_CONFIDENCE.noText, null, explanation);
  }
  return clause.negated ? evaluateAbsent(clause, target) : evaluatePresent(clause, target);
}
