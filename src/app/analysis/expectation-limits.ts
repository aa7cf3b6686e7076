import { VaiderError } from '../../base/errors.js';

/** More than a test could mean; each one is judged and logged, so the cap bounds the work and the files. */
export const MAX_EXPECTATIONS = 100;
/** A sentence about the screen, with room to quote a long message. */
export const MAX_EXPECTATION_LENGTH = 1000;

/** The expectations trimmed, empty ones dropped, refused with a coded error past the caps. */
export function checkedExpectations(expectations: readonly string[] | undefined): string[] {
  const kept = (expectations ?? []).map((e) => e.trim()).filter(Boolean);
  if (kept.length > MAX_EXPECTATIONS) {
    throw new VaiderError('TOO_MANY_EXPECTATIONS', `${kept.length} expectations given; at most ${MAX_EXPECTATIONS} are judged at once. Split them over several analyses.`, {
      count: kept.length,
      max: MAX_EXPECTATIONS,
    });
  }
  const long = kept.findIndex((e) => e.length > MAX_EXPECTATION_LENGTH);
  if (long >= 0) {
    throw new VaiderError('EXPECTATION_TOO_LONG', `Expectation ${long + 1} is ${kept[long]!.length} characters long; at most ${MAX_EXPECTATION_LENGTH} are allowed.`, {
      index: long,
      max: MAX_EXPECTATION_LENGTH,
    });
  }
  return kept;
}
