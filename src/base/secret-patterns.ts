/**
 * The shapes of credentials that are masked wherever they appear. A hand list, modelled on the rules
 * of gitleaks and secretlint: secretlint's preset (the maintained set on npm) is a file linter, async,
 * reports lint ranges that for several rules are not the secret's own span, and has no rule for
 * Stripe keys, JWTs or Google API keys. tests/redact-secrets.test.ts holds an example of every shape.
 */

/** Whole matches are secrets: vendor prefixes make these safe to mask on sight. */
export const KEY_SHAPES: readonly RegExp[] = [
  /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA)[A-Z0-9]{16}\b/g, // AWS access key IDs
  /\bAIza[0-9A-Za-z_-]{30,}/g, // Google API keys
  /\bGOCSPX-[0-9A-Za-z_-]{20,}/g, // Google OAuth client secrets
  /\bya29\.[0-9A-Za-z_-]{20,}/g, // Google OAuth access tokens
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,}/g, // GitHub fine-grained tokens
  /\bglpat-[A-Za-z0-9_-]{20,}/g, // GitLab personal access tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\bxapp-\d-[A-Za-z0-9-]{10,}/g, // Slack app tokens
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g, // Slack incoming webhooks
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g, // Stripe secret and restricted keys
  /\bwhsec_[A-Za-z0-9]{20,}/g, // Stripe webhook secrets
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI and Anthropic keys
  /\bnpm_[A-Za-z0-9]{36}\b/g, // npm tokens
  /\bhf_[A-Za-z0-9]{30,}/g, // Hugging Face tokens
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, // SendGrid keys
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, // JWTs
  // PEM private keys; a block cut short (a truncated log line, OCR of half a screen) is masked to the end.
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)/g,
];

/**
 * Secrets known by what stands before them; group 1 is kept, group 2 is the secret. Only the value
 * is masked, so `password: [REDACTED]` still says what was there.
 */
export const SECRETS_IN_CONTEXT: readonly RegExp[] = [
  // `name=value` and `name: value` in URLs, forms, logs and on screen.
  /\b((?:api[-_]?key|access[-_]?token|auth[-_]?token|refresh[-_]?token|client[-_]?secret|token|secret|password|passwd|passphrase|pwd)\s*[=:]\s*"?)([^\s"'&,;]{4,})/gi,
  // AWS secret access keys: 40 characters after their name.
  /\b((?:aws)?_?secret_?(?:access)?_?key["']?\s*(?:[:=]|=>)\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
  /\b(Bearer\s+)([A-Za-z0-9._~+/-]{8,}=*)/gi,
  /\b(Authorization:\s*(?:Basic|Token)\s+)([A-Za-z0-9._~+/-]{8,}=*)/gi,
  // The password of a URL with credentials: scheme://user:password@host.
  /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]{3,})(?=@)/gi,
];

/** Words of a field or variable name that say its value is a secret (`apiKey`, `SESSION_TOKEN`, `private_key_id`). */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'cookie', 'authorization', 'credential', 'credentials', 'apikey']);
const SECRET_WORD_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key']);

export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word, i) => SECRET_WORDS.has(word) || SECRET_WORD_PAIRS.has(`${word} ${words[i + 1]}`));
}
