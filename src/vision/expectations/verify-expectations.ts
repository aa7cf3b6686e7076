import type { ExpectationResult, FrameObservation, Verdict, VerdictStatus } from '../types.js';
import { evaluateExpectation } from './evaluate-expectation.js';

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

export function verifyExpectations(expectations: string[], observations: FrameObservation[]): Verdict {
  return verdictFromResults(expectations.map((expectation) => evaluateExpectation(expectation, observations)));
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
