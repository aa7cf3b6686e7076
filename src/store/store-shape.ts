function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * Why `data` cannot be the store whose empty value is `empty`, or undefined when it can: the same
 * kind at the top, and for an object every field of the empty value present with the same kind.
 * Readable JSON of the wrong shape would otherwise fail later as an INTERNAL error, or be overwritten.
 */
export function shapeProblem(data: unknown, empty: unknown): string | undefined {
  if (kind(data) !== kind(empty)) return `it holds ${kind(data)} where ${kind(empty)} belongs`;
  if (kind(empty) !== 'an object') return undefined;
  for (const [key, value] of Object.entries(empty as Record<string, unknown>)) {
    const found = (data as Record<string, unknown>)[key];
    if (kind(found) !== kind(value)) return `its "${key}" is ${found === undefined ? 'missing' : kind(found)} where ${kind(value)} belongs`;
  }
  return undefined;
}
