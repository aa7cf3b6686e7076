import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLoginDemo } from '../examples/login-app/record-login-demo.js';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { scratchDir } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
});
afterAll(async () => {
  await vaider.close();
  await cleanup();
});

describe('a real Playwright recording in Chromium', () => {
  it('is analyzed screen by screen and verified', async () => {
    const video = await recordLoginDemo(path.join(dir, 'login.webm'));
    const result = await vaider.analyze({
      input: video,
      expectations: [
        "1. 'Sign in to continue' 2. 'Invalid password' 3. 'Welcome, Alice'",
        "at the end shows 'You have 3 new messages'",
        "at the end does not show 'Invalid password'",
      ],
    });
    expect(result.media.kind).toBe('video');
    expect(result.verdict!.results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    const texts = result.description.steps.map((s) => s.text).join('\n');
    expect(texts).toContain("'Invalid password' appeared");
    // The white-on-blue button label is read from the real page, not only from generated fixtures.
    expect(texts).toContain("'Sign In'");
  });
});
