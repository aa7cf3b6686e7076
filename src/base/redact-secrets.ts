import { eachString, mapStrings } from './map-strings.js';
import { isSecretName, KEY_SHAPES, SECRETS_IN_CONTEXT } from './secret-patterns.js';

/**
 * Everything that leaves the process or reaches disk goes through here: printed lines, store files,
 * REST and MCP results, logs and interaction files. Screens, prompts and errors can all carry
 * credentials (an API key in a URL, a token typed into a field, a password shown by a test), so
 * redaction is by key shape, by context, by the values of secret-looking environment variables, and
 * by field name.
 */

const MASK = '[REDACTED]';

/**
 * A secret found by its context is masked wherever else it appears in the same document too: OCR
 * keeps each word of `Password: swordfish42` apart from its line, so the word alone must go as well.
 * Only values that look like secrets travel, so `password: required` does not mask every "required".
 */
const MIN_TRAVELLING = 6;
const looksLikeSecret = (value: string) => value.length >= MIN_TRAVELLING && value !== MASK && (/[^A-Za-z]/.test(value) || value.length >= 12);

function secretEnvValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => isSecretName(name) && typeof value === 'string' && value.length >= 8)
    .map(([, value]) => value as string);
}

function secretsInContext(text: string, into: Set<string>): void {
  for (const pattern of SECRETS_IN_CONTEXT) {
    for (const match of text.matchAll(pattern)) if (looksLikeSecret(match[2]!)) into.add(match[2]!);
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Masks every known value, then every key shape and every secret in context. */
function masker(known: Set<string>): (text: string) => string {
  const values = [...known].sort((a, b) => b.length - a.length);
  const anyKnown = values.length ? new RegExp(values.map(escapeRegExp).join('|'), 'g') : undefined;
  return (text) => {
    let out = anyKnown ? text.replace(anyKnown, MASK) : text;
    for (const pattern of KEY_SHAPES) out = out.replace(pattern, MASK);
    for (const pattern of SECRETS_IN_CONTEXT) out = out.replace(pattern, (_m, before: string) => `${before}${MASK}`);
    return out;
  };
}

export function redactText(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const known = new Set(secretEnvValues(env));
  secretsInContext(text, known);
  return masker(known)(text);
}

/**
 * A deep copy with secrets masked: values under secret-named keys entirely, every string by shape and
 * context, and a secret found anywhere in `value` wherever else it appears in it.
 */
export function redactSecrets<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  const known = new Set(secretEnvValues(env));
  eachString(value, (text, key) => {
    if (key !== undefined && isSecretName(key)) {
      if (looksLikeSecret(text)) known.add(text);
    } else secretsInContext(text, known);
  });
  const mask = masker(known);
  return mapStrings(value, (text, key) => (key !== undefined && isSecretName(key) ? MASK : mask(text)));
}
