import type { Evidence, ExpectationResult, Verdict } from '../../screen/verdict.js';

/** How every front end words a verdict: the terminal, the run README, MCP results and the run resource. */

/** "MISMATCH (confidence 0.86): 1 of 3 failed." */
export function verdictHeadline(verdict: Pick<Verdict, 'status' | 'confidence' | 'explanation'>): string {
  return `${verdict.status.toUpperCase()} (confidence ${verdict.confidence.toFixed(2)}): ${verdict.explanation}`;
}

/** "FAIL never shows 'Error': 'Error' appears at 2.0–3.9 s but should never appear." */
export function resultLine(result: Pick<ExpectationResult, 'status' | 'expectation' | 'explanation'>): string {
  return `${result.status.toUpperCase()} ${result.expectation}: ${result.explanation}`;
}

/** "2.00–3.90 s" or "2.00 s": when the evidence was on screen. */
export function evidenceWhen(evidence: Pick<Evidence, 'time' | 'end'>): string {
  return evidence.end - evidence.time >= 0.05 ? `${evidence.time.toFixed(2)}–${evidence.end.toFixed(2)} s` : `${evidence.time.toFixed(2)} s`;
}
