import type { Verdict } from '../screen/verdict.js';

export const EXIT = { match: 0, mismatch: 1, error: 2 } as const;

/** Uncertain is not a match: CI should not pass what Vaider could not confirm, unless told to. */
export function exitCodeFor(verdict: Verdict | null, allowUncertain: boolean): number {
  if (!verdict || verdict.status === 'match') return EXIT.match;
  if (verdict.status === 'uncertain' && allowUncertain) return EXIT.match;
  return EXIT.mismatch;
}
