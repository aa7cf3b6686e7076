import { mapStrings } from './map-strings.js';

/**
 * Every log line and interaction file goes through here. Screens, prompts and errors can all carry
 * credentials (an API key in a URL, a token typed into a field), so redaction is by pattern and by
 * the values of secret-looking environment variables, not only by field name.
 */

const MASK = '[REDACTED]';

const SECRET_KEY_NAME = /(api[-_]?key|token|secret|password|passwd|authorization|cookie|credential)/i;

const SECRET_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style keys
  /\bAIza[0-9A-Za-z_-]{30,}/g, // Google API keys
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, // JWTs
];

// `key=value` in URLs and text: keep the name, hide the value.
const ASSIGNMENT = /\b((?:api[-_]?key|access[-_]?token|token|secret|password|passwd)\s*[=:]\s*)("?)([^\s"'&,;]{4,})/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/gi;

function secretEnvValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_KEY_NAME.test(name) && typeof value === 'string' && value.length >= 8)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
}

export function redactText(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const value of secretEnvValues(env)) out = out.split(value).join(MASK);
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, MASK);
  out = out.replace(BEARER, `$1${MASK}`);
  out = out.replace(ASSIGNMENT, (_m, name: string, quote: string) => `${name}${quote}${MASK}`);
  return out;
}

/** A deep copy with secrets masked: values under secret-named keys entirely, every string by pattern. */
export function redactSecrets<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  return mapStrings(value, (text, key) => (key !== undefined && SECRET_KEY_NAME.test(key) ? MASK : redactText(text, env)));
}
