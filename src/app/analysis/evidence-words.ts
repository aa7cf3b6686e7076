import type { Evidence } from '../../vision/types.js';

/** "2.00–3.90 s" or "2.00 s": when the evidence was on screen, as every front end prints it. */
export function evidenceWhen(evidence: Pick<Evidence, 'time' | 'end'>): string {
  return evidence.end - evidence.time >= 0.05 ? `${evidence.time.toFixed(2)}–${evidence.end.toFixed(2)} s` : `${evidence.time.toFixed(2)} s`;
}
