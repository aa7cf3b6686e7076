import { closest, distance } from 'fastest-levenshtein';

/** At most this many edits (a typo, a swapped or missing letter or two) is a near miss worth naming. */
const MAX_EDITS = 2;

/** ` Did you mean "analyze"?` for a near miss among `known`, or an empty string. */
export function didYouMean(typed: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(typed, [...known]);
  return distance(typed, best) <= Math.max(1, Math.min(MAX_EDITS, Math.floor(typed.length / 3))) ? ` Did you mean "${best}"?` : '';
}
