import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider } from '../../src/app/vaider.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ProviderId } from '../../src/config/schema.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from '../helpers/media-fixtures.js';

/**
 * Against the real services: `npm run test:live`, each provider only when its key (or server) is
 * configured. Never part of `npm test` or CI, which have neither keys nor network.
 */
const LIVE: Array<{ id: ProviderId; enabled: boolean }> = [
  { id: 'gemini', enabled: Boolean(process.env.GEMINI_API_KEY || process.env.GOOGLE_API_KEY) },
  { id: 'openai', enabled: Boolean(process.env.OPENAI_API_KEY) },
  { id: 'ollama', enabled: Boolean(process.env.OLLAMA_HOST) },
];

let dir: string;
let cleanup: () => Promise<void>;
let video: string;
beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-live-'));
  video = await makeVideo(path.join(dir, 'login.mp4'), LOGIN_FLOW);
});
afterAll(() => cleanup());

for (const { id, enabled } of LIVE) {
  describe.skipIf(!enabled)(`live ${id}`, () => {
    it('judges colour and text on the login video', async () => {
      const vaider = await openVaider(loadConfig({ cwd: dir, overrides: { allowed_roots: [dir], vision: { provider: id, escalation: 'always' } } }));
      try {
        const result = await vaider.analyze({
          input: video,
          expectations: ["at the end shows 'Welcome, Alice'", 'the Sign In button is blue', 'the error banner is green'],
          noCache: true,
        });
        expect(result.usage.calls).toBeGreaterThan(0);
        expect(result.verdict!.results.map((r) => r.status)).toEqual(['pass', 'pass', 'fail']);
      } finally {
        await vaider.close();
      }
    }, 180_000);
  });
}
