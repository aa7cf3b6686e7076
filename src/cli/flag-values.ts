import { VaiderError } from '../base/errors.js';

/** A flag's value that must be one of `allowed`; undefined when the flag was not given. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new VaiderError('BAD_ARGUMENT', `${flag} must be one of ${allowed.join(', ')}, got "${value}".`);
  return value as T;
}

/** A flag's value that must be a whole number of at least 1; undefined when the flag was not given. */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new VaiderError('BAD_ARGUMENT', `${flag} expects a positive whole number, got "${value}".`);
  return n;
}
