import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemo } from '../examples/demo-app/serve-demo.js';
import { createVaider } from '../src/app/create-vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import type { VaiderRulesInput } from '../src/config/schema.js';
import { scratchDir } from './helpers/media-fixtures.js';

const FLOW = path.join(import.meta.dirname, '..', 'examples', 'demo-app', 'flows', 'sign-in.flow.yaml');

let dir: string;
let cleanup: () => Promise<void>;
let v1: { url: string; close(): Promise<void> };
let v2: { url: string; close(): Promise<void> };

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-flows-'));
  [v1, v2] = await Promise.all([serveDemo('v1'), serveDemo('v2')]);
});
afterAll(async () => {
  await Promise.all([v1.close(), v2.close()]);
  await cleanup();
});

async function project(name: string, rules: VaiderRulesInput = {}) {
  const flow = path.join(dir, `${name}.flow.yaml`);
  await copyFile(FLOW, flow);
  const vaider = createVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], store_dir: path.join(dir, `.vaider-${name}`), ...rules } }));
  return { flow, vaider };
}

describe('flows with locator healing, in real Chromium', () => {
  it('playwright: heals the renamed ids of v2 at >= 0.90, passes, and rewrites the flow when asked', async () => {
    const { flow, vaider } = await project('pw', { healing: { auto_commit: true } });
    try {
      const outcome = await vaider.runFlow({ flowPath: flow, driver: 'playwright', baseUrl: v2.url });
      expect(outcome.passed).toBe(true);
      expect(outcome.verdict!.status).toBe('match');
      const healed = outcome.healing.filter((e) => e.decision === 'applied');
      expect(healed.map((e) => e.old_selector).sort()).toEqual(['#email', '#login-btn']);
      for (const event of healed) {
        expect(event.confidence).toBeGreaterThanOrEqual(0.9);
        expect(existsSync(event.before_screenshot)).toBe(true);
      }
      expect(outcome.rewritten).toBe(2);
      const rewritten = await readFile(flow, 'utf8');
      expect(rewritten).not.toContain('"#login-btn"');
      expect(rewritten).toContain("at the end shows 'Welcome, Alice'");
      expect(await readFile(`${flow}.bak`, 'utf8')).toContain('"#login-btn"');
      expect((await vaider.healingEvents({ review: 'pending' })).length).toBe(healed.length);
      const reviewed = await vaider.reviewHealing(healed[0]!.id, 'approved');
      expect(reviewed.review).toBe('approved');
    } finally {
      await vaider.close();
    }
  });

  it('selenium: heals v2 too, and records a playable mp4 that is verified', async () => {
    const { flow, vaider } = await project('se');
    try {
      const outcome = await vaider.runFlow({ flowPath: flow, driver: 'selenium', baseUrl: v2.url });
      expect(outcome.passed).toBe(true);
      expect(outcome.attempts[0]!.video).toMatch(/\.mp4$/);
      expect(outcome.verdict!.status).toBe('match');
      expect(outcome.rewritten).toBe(0);
      expect(outcome.patch).not.toBeNull();
    } finally {
      await vaider.close();
    }
  });

  it('re-runs a mismatching flow and stops when the same failure repeats three times, telling the developer', async () => {
    const { flow, vaider } = await project('loop');
    try {
      await writeFile(flow, (await readFile(flow, 'utf8')).replace("'Welcome, Alice'\"", "'Welcome, Bob'\""));
      const outcome = await vaider.runFlow({ flowPath: flow, driver: 'playwright', baseUrl: v1.url });
      expect(outcome.passed).toBe(false);
      expect(outcome.stoppedBecause).toBe('repeated_failure');
      expect(outcome.attempts).toHaveLength(3);
      expect(outcome.attempts.every((a) => a.verdict === 'mismatch')).toBe(true);
      const status = JSON.parse(await readFile(path.join(outcome.interactionsDir, 'status.json'), 'utf8'));
      expect(status).toMatchObject({ state: 'needs_attention' });
      expect(await readFile(flow, 'utf8')).toContain("'Welcome, Bob'");
    } finally {
      await vaider.close();
    }
  });
});
