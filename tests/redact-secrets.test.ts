import { describe, expect, it } from 'vitest';
import { redactSecrets, redactText } from '../src/base/redact-secrets.js';

describe('secret redaction', () => {
  it('masks key-shaped strings, bearer tokens and key=value pairs', () => {
    const text = [
      'openai sk-proj0123456789abcdefghij',
      'google AIzaSyA0123456789abcdefghijklmnopqrstuv',
      'Authorization: Bearer abc.def-ghi_jkl0123',
      'https://x.test/?api_key=hunter2hunter2&page=2',
      'password: "swordfish"',
    ].join('\n');
    const out = redactText(text, {});
    for (const secret of ['sk-proj0123456789abcdefghij', 'AIzaSyA0123456789', 'abc.def-ghi_jkl0123', 'hunter2hunter2', 'swordfish']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('page=2');
  });

  it('masks the values of secret-named environment variables wherever they appear', () => {
    const out = redactText('connecting with tok_9f8e7d6c5b4a', { MY_SERVICE_TOKEN: 'tok_9f8e7d6c5b4a', HOME: '/root' });
    expect(out).toBe('connecting with [REDACTED]');
  });

  it('masks whole values under secret-named keys, deep inside objects', () => {
    const out = redactSecrets({ provider: { apiKey: 'short', model: 'm' }, list: [{ token: 'x' }] }, {});
    expect(out).toEqual({ provider: { apiKey: '[REDACTED]', model: 'm' }, list: [{ token: '[REDACTED]' }] });
  });

  it('leaves ordinary text alone', () => {
    const text = "The page shows 'Welcome, Alice' after signing in";
    expect(redactText(text, {})).toBe(text);
  });
});
