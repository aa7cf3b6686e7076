/**
 * What a failed attempt failed on, reduced to what repeats: the failing step and its kind of error,
 * or the expectations the video missed. Digits are dropped, so "after 5012 ms" and "after 5009 ms"
 * are the same failure.
 */
export function failureSignature(failure: { step: number; message: string } | null, failedExpectations: string[]): string | null {
  if (failure) return `step ${failure.step}: ${failure.message.replace(/\d+/g, '#').slice(0, 200)}`;
  if (failedExpectations.length) return `verdict: ${[...failedExpectations].sort().join(' | ')}`;
  return null;
}

/** True when the last `times` attempts failed the same way: retrying again would only repeat it. */
export function repeatsItself(signatures: Array<string | null>, times = 3): boolean {
  if (signatures.length < times) return false;
  const last = signatures.slice(-times);
  return last[0] !== null && last.every((s) => s === last[0]);
}
