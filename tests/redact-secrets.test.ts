import { describe, expect, it } from 'vitest';
import { redactSecrets, redactText } from '../src/base/redact-secrets.js';

/** Key shapes are assembled from parts, so this file itself never holds a whole credential. */
const join = (...parts: string[]) => parts.join('');

const KEY_SHAPES: Record<string, string> = {
  'AWS access key ID': join('AKIA', 'WXYZHJKLMNPQRTUV'),
  'AWS temporary key ID': join('ASIA', 'Q2W3E4R5T6Y7U8I9'),
  'Google API key': join('AIza', 'SyA0123456789abcdefghijklmnopqrstuv'),
  'Google OAuth client secret': join('GOCSPX-', 'abcdefghijklmnopqrstuvwx1234'),
  'Google OAuth access token': join('ya29.', 'a0AfH6SMBx0123456789abcdefghij'),
  'GitHub classic token': join('ghp_', 'abcdefghijklmnopqrstuvwxyz0123456789'),
  'GitHub OAuth token': join('gho_', 'abcdefghijklmnopqrstuvwxyz0123456789'),
  'GitHub fine-grained token': join('github_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'),
  'GitLab token': join('glpat-', 'abcdefghjkmnpqrstuvw'),
  'Slack bot token': join('xoxb-', '234567890123-abcdefghjkmnpq'),
  'Slack webhook': join('https://hooks.slack.com/services/', 'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'),
  'Stripe live secret key': join('sk_live_', 'abcdefghjkmnpqrstuvwx234567'),
  'Stripe restricted key': join('rk_live_', 'abcdefghjkmnpqrstuvwx234567'),
  'Stripe webhook secret': join('whsec_', 'abcdefghjkmnpqrstuvwx234567'),
  'OpenAI key': join('sk-', 'proj0123456789abcdefghij'),
  'Anthropic key': join('sk-', 'ant-api03-abcdefghijklmnop'),
  'npm token': join('npm_', 'abcdefghijklmnopqrstuvwxyz0123456789'),
  'Hugging Face token': join('hf_', 'abcdefghijklmnopqrstuvwxyzABCDEFGH'),
  JWT: join('eyJ', 'hbGciOiJIUzI1NiJ9', '.eyJzdWIiOiJhbGljZSJ9', '.c2lnbmF0dXJlMTIzNDU2'),
};

describe('secret redaction', () => {
  it.each(Object.entries(KEY_SHAPES))('masks a %s wherever it stands in text', (_name, key) => {
    const out = redactText(`before ${key} after`, {});
    expect(out).toBe('before [REDACTED] after');
  });

  it('masks a PEM private key whole, and one cut short to the end of the text', () => {
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA0123456789', '-----END RSA PRIVATE KEY-----'].join('\n');
    expect(redactText(`key:\n${pem}\nnext`, {})).toBe('key:\n[REDACTED]\nnext');
    expect(redactText('shown: -----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0', {})).toBe('shown: [REDACTED]');
  });

  it('masks secrets known by their context and keeps the name', () => {
    const text = [
      'Authorization: Bearer abc.def-ghi_jkl0123',
      'https://x.test/?api_key=hunter2hunter2&page=2',
      'password: "swordfish"',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz',
      'https://deploy:s3cr3tpass@git.example.test/repo.git',
      'Authorization: Basic ZGVwbG95OnMzY3IzdA==',
    ].join('\n');
    const out = redactText(text, {});
    for (const secret of ['abc.def-ghi_jkl0123', 'hunter2hunter2', 'swordfish', 'wJalrXUtnFEMI', 's3cr3tpass', 'ZGVwbG95OnMzY3IzdA']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('page=2');
    expect(out).toContain('password: "[REDACTED]"');
    expect(out).toContain('https://deploy:[REDACTED]@git.example.test/repo.git');
  });

  it('masks the values of secret-named environment variables wherever they appear', () => {
    const out = redactText('connecting with tok_9f8e7d6c5b4a', { MY_SERVICE_TOKEN: 'tok_9f8e7d6c5b4a', HOME: '/root' });
    expect(out).toBe('connecting with [REDACTED]');
  });

  it('masks whole values under secret-named keys, deep inside objects, and leaves counts of tokens alone', () => {
    const out = redactSecrets({ provider: { apiKey: 'short', model: 'm' }, list: [{ token: 'x' }], private_key_id: 'k1', usage: { input_tokens: 12 }, tokens: ['a'] }, {});
    expect(out).toEqual({
      provider: { apiKey: '[REDACTED]', model: 'm' },
      list: [{ token: '[REDACTED]' }],
      private_key_id: '[REDACTED]',
      usage: { input_tokens: 12 },
      tokens: ['a'],
    });
  });

  it('masks a secret found in one field wherever else it appears in the same document', () => {
    // OCR reads a line and its words apart: the word alone must not keep the password.
    const line = { text: 'Password: swordfish42', words: [{ text: 'Password:' }, { text: 'swordfish42' }] };
    const out = redactSecrets({ line, later: "the field shows 'swordfish42'" }, {});
    expect(JSON.stringify(out)).not.toContain('swordfish42');
    expect(out.line.text).toBe('Password: [REDACTED]');
    expect(out.later).toBe("the field shows '[REDACTED]'");
    // A plain word after a secret's name is masked there only, not in the rest of the document.
    expect(redactSecrets({ error: 'Password: required', hint: 'a required field' }, {})).toEqual({ error: 'Password: [REDACTED]', hint: 'a required field' });
  });

  it('leaves ordinary text alone and is idempotent', () => {
    const text = "The page shows 'Welcome, Alice' after signing in; 12 input tokens, a secret santa, the Basic settings page";
    expect(redactText(text, {})).toBe(text);
    const once = redactText(`token=${KEY_SHAPES.JWT} ${KEY_SHAPES['AWS access key ID']}`, {});
    expect(redactText(once, {})).toBe(once);
  });
});
