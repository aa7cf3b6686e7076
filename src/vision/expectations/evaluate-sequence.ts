import { matchConfidence } from './confidence.js';
import { evaluateClause, positionsFor, type ClauseOutcome, type ClauseTarget } from './evaluate-clause.js';
import { evidenceAt, moment } from './explain.js';
import type { FrameRead } from './frame-reads.js';
import type { ExpectationClause } from './parsed-expectation.js';

/**
 * Judges phrases that must appear in order. Each step must appear at the same moment as the previous
 * step's first appearance or a later one; the same moment counts because a fast transition can put
 * both on one frame.
 */

export interface SequenceStep {
  clause: ExpectationClause;
  target: ClauseTarget;
}

interface PlacedStep {
  step: SequenceStep;
  read: FrameRead;
}

function placedConfidence(placed: PlacedStep[]): number {
  return Math.min(...placed.map(({ step, read }) => matchConfidence(read.found!) * step.target.weight));
}

export function evaluateSequence(steps: SequenceStep[]): ClauseOutcome {
  const placed: PlacedStep[] = [];
  let from = 0;
  for (const step of steps) {
    const { clause, target } = step;
    // "Throughout" steps must also hold on every frame, not just somewhere in the sequence.
    if (clause.when === 'always') {
      const alone = evaluateClause(clause, target);
      if (alone.status !== 'pass') return alone;
    }
    const allowed = positionsFor(clause.when, target.reads);
    const at = allowed.find((p) => p >= from && target.reads[p]!.found);
    if (at !== undefined) {
      placed.push({ step, read: target.reads[at]! });
      from = at;
      continue;
    }
    const previous = placed[placed.length - 1];
    const early = allowed.map((p) => target.reads[p]!).find((r) => r.found);
    // Never read at all: the usual explanation of a missing phrase says it best.
    if (!previous || !early?.found) return evaluateClause(clause, target);
    const violation =
      `${target.describe(early.found)} appears ${moment(early.moment)}, ` +
      `before ${previous.step.target.label} first appears ${moment(previous.read.moment)}, and not after it`;
    const confidence = placedConfidence([...placed.slice(-1), { step, read: early }]);
    return {
      status: target.strict && previous.step.target.strict ? 'fail' : 'uncertain',
      confidence: Number(confidence.toFixed(3)),
      evidence: evidenceAt(early.moment, early.found),
      explanation: violation,
    };
  }
  const timeline = placed.map(({ step, read }, i) =>
    i === 0
      ? `${step.target.describe(read.found!)} appears ${moment(read.moment)}`
      : `then ${step.target.describe(read.found!)} ${moment(read.moment)}`,
  );
  const last = placed[placed.length - 1]!;
  return {
    status: 'pass',
    confidence: Number(placedConfidence(placed).toFixed(3)),
    evidence: evidenceAt(last.read.moment, last.read.found),
    explanation: timeline.join(', '),
  };
}
