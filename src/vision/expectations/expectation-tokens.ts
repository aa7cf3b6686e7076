/**
 * Splits an expectation into quoted phrases, words, list-step numbers and punctuation. Quotes are
 * found by a character scan, so user text is never turned into a regular expression.
 */

export type ExpectationToken =
  | { kind: 'quote'; text: string }
  /** `lower` is lower-cased with typographic apostrophes made straight ("doesn’t" → "doesn't"). */
  | { kind: 'word'; raw: string; lower: string }
  /** A list number such as "1." or "2)". */
  | { kind: 'step' }
  | { kind: 'mark'; raw: string };

// Each opening quote and the characters that may close it. Typographic pairs are often mixed up by
// editors and autocorrect, so a curly opener accepts a straight closer and vice versa.
const CLOSERS_BY_OPENER = new Map<string, string>([
  ["'", "'’"],
  ['‘', "’'"],
  ['"', '"”“'],
  ['“', '”"“'],
  ['„', '“”"'],
  ['`', '`'],
  ['«', '»'],
]);

function isWordCharacter(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/**
 * Index of the quote closing the one at `openAt`, or -1. A closer followed by a letter is an
 * apostrophe ("Alice's"), not the end of the quote.
 */
function closingQuoteIndex(text: string, openAt: number): number {
  const closers = CLOSERS_BY_OPENER.get(text[openAt]!) ?? '';
  for (let i = openAt + 1; i < text.length; i++) {
    if (closers.includes(text[i]!) && !isWordCharacter(text[i + 1])) return i;
  }
  return -1;
}

const PLAIN_TOKEN = /(?<=^|\s)\d{1,3}[.)](?=\s|$)|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|->|=>|→|[,;:.!?&]/gu;

function plainTokens(text: string): ExpectationToken[] {
  const tokens: ExpectationToken[] = [];
  for (const [raw] of text.matchAll(PLAIN_TOKEN)) {
    if (/^\d{1,3}[.)]$/.test(raw)) tokens.push({ kind: 'step' });
    else if (isWordCharacter(raw[0])) tokens.push({ kind: 'word', raw, lower: raw.toLowerCase().replace(/’/g, "'") });
    else tokens.push({ kind: 'mark', raw });
  }
  return tokens;
}

export function tokenizeExpectation(text: string): ExpectationToken[] {
  const tokens: ExpectationToken[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    // An opener glued to a letter is an apostrophe ("doesn't", "users'"), never a quote.
    const close = CLOSERS_BY_OPENER.has(text[i]!) && !isWordCharacter(text[i - 1]) ? closingQuoteIndex(text, i) : -1;
    const quoted = close !== -1 ? text.slice(i + 1, close).trim() : '';
    if (!quoted) {
      i++;
      continue;
    }
    tokens.push(...plainTokens(text.slice(plainStart, i)));
    tokens.push({ kind: 'quote', text: quoted });
    i = close + 1;
    plainStart = i;
  }
  tokens.push(...plainTokens(text.slice(plainStart)));
  return tokens;
}
