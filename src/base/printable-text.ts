/**
 * Text from outside (file names, screen text, a model's words) printed as it is could end a line and
 * forge the next one (`x.mp4\nvaider: INTERNAL: …`), move the cursor, recolour the terminal or reorder
 * what is shown (bidi controls). These are escaped, JSON-style, so what is printed reads the same
 * everywhere and a line is always one line.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// JSON.stringify already escapes C0 inside strings; the rest is only ever inside strings in JSON text.
const UNPRINTABLE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeChar = (char: string) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One line, whatever `text` holds. */
export function printableLine(text: string): string {
  return text.replace(UNPRINTABLE, escapeChar);
}

/** `value` as JSON text whose strings cannot disturb a terminal; it parses to the same value. */
export function printableJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNPRINTABLE_IN_JSON, escapeChar);
}
