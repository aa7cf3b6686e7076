import type { TextTimeline } from '../timeline/text-timeline.js';
import type { EvidenceFrame, ExpectationResult, Verdict, VerdictStatus } from '../../screen/verdict.js';
import { evaluateExpectation, type JudgedResult } from './evaluate-expectation.js';
import { momentsOf } from './screen-moments.js';

/** The verdict over all expectations: every one passes → match; any fails → mismatch; else uncertain. */

function summary(status: VerdictStatus, results: ExpectationResult[]): string {
  if (status === 'match') return results.length === 1 ? 'The expectation holds.' : `All ${results.length} expectations hold.`;
  const count = (s: ExpectationResult['status']) => results.filter((r) => r.status === s).length;
  const parts: string[] = [];
  if (count('fail') > 0) parts.push(`${count('fail')} of ${results.length} failed`);
  if (count('uncertain') > 0) {
    parts.push(`${count('uncertain')} of ${results.length} could not be judged`);
  }
  return `${parts.join('; ')}.`;
}

/**
 * How sure the verdict is: a match is as sure as its weakest pass; a mismatch as sure as its
 * surest failure (one certain failure is enough); an uncertain verdict as its weakest result.
 */
function verdictConfidence(status: VerdictStatus, results: ExpectationResult[]): number {
  const of = (s: ExpectationResult['status']) => results.filter((r) => r.status === s).map((r) => r.confidence);
  if (status === 'mismatch') return Math.max(...of('fail'));
  return Math.min(...results.map((r) => r.confidence));
}

/** Each expectation judged on every moment of the timeline; evidence is a moment, not yet a frame. */
export function judgeExpectations(expectations: string[], timeline: TextTimeline): JudgedResult[] {
  const moments = momentsOf(timeline);
  return expectations.map((expectation) => evaluateExpectation(expectation, moments));
}

/** Gives each result's evidence the saved frame that shows its moment, keeping its time range and box. */
export async function withEvidenceFrames(
  results: JudgedResult[],
  frameAt: (time: number, end: number) => Promise<EvidenceFrame>,
): Promise<ExpectationResult[]> {
  return Promise.all(
    results.map(async (judged): Promise<ExpectationResult> => {
      if (!judged.evidence) return { ...judged, evidence: null };
      const { time, end, box } = judged.evidence;
      const frame = await frameAt(time, end);
      return { ...judged, evidence: { frameIndex: frame.index, time, end, path: frame.path, ...(box && { box }) } };
    }),
  );
}

/** The verdict over results however they were judged: by OCR, by a model, or some by each. */
export function verdictFromResults(results: ExpectationResult[]): Verdict {
  if (results.length === 0) {
    const explanation = 'No expectations were given; described only.';
    return { status: 'match', confidence: 1, results: [], discrepancies: [], explanation };
  }
  const status: VerdictStatus = results.every((r) => r.status === 'pass')
    ? 'match'
    : results.some((r) => r.status === 'fail')
      ? 'mismatch'
      : 'uncertain';
  return {
    status,
    confidence: verdictConfidence(status, results),
    results,
    discrepancies: results.filter((r) => r.status !== 'pass').map((r) => `[${r.status}] ${r.expectation} — ${r.explanation}`),
    explanation: summary(status, results),
  };
}
