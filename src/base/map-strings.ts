/** Every string of JSON-like data, with the key it sits under (array items sit under their array's key). */
export function eachString(value: unknown, visit: (text: string, key: string | undefined) => void): void {
  const walk = (v: unknown, key: string | undefined): void => {
    if (typeof v === 'string') visit(v, key);
    else if (Array.isArray(v)) for (const item of v) walk(item, key);
    else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, k);
  };
  walk(value, undefined);
}

/** A deep copy of JSON-like data with every string passed through `fn`, which also sees the key it sits under. */
export function mapStrings<T>(value: T, fn: (text: string, key: string | undefined) => string): T {
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') return fn(v, key);
    if (Array.isArray(v)) return v.map((item) => walk(item, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, child]) => [k, walk(child, k)]));
    return v;
  };
  return walk(value, undefined) as T;
}
