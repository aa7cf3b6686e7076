import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemo } from '../examples/demo-app/serve-demo.js';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import type { VaiderRulesInput } from '../src/config/schema.js';
import { scratchDir } from './helpers/media-fixtures.js';

/**
 * One flow run drives Chromium, records it and analyzes the video: about 10 s alone, several times
 * that on a busy 2-core machine. Each test's timeout is that budget times the runs it makes.
 */
const FLOW_RUN_MS = 60_000;

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
  const vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], store_dir: path.join(dir, `.vaider-${name}`), ...rules } }));
  return { flow, vaider };
}

describe('flows with locator healing, in real Chromium', () => {
  it('playwright: applies the renamed field (>= 0.90), proposes the relabelled button, passes, and rewrites the flow when asked', async () => {
    const { flow, vaider } = await project('pw', { healing: { auto_commit: true } });
    try {
      const outcome = await vaider.runFlow({ flowPath: flow, driver: 'playwright', baseUrl: v2.url });
      expect(outcome.passed).toBe(true);
      expect(outcome.verdict!.status).toBe('match');
      const byOld = Object.fromEntries(outcome.healing.map((e) => [e.old_selector, e]));
      // The email field was renamed and moved: same label, sure match.
      expect(byOld['#email']).toMatchObject({ decision: 'applied' });
      expect(byOld['#email']!.confidence).toBeGreaterThanOrEqual(0.9);
      // The button was renamed and relabelled 'Sign in now': found, but only proposed.
      expect(byOld['#login-btn']).toMatchObject({ decision: 'proposed', new_selector: '#signin-btn' });
      expect(byOld['#login-btn']!.confidence).toBeGreaterThanOrEqual(0.8);
      expect(byOld['#login-btn']!.confidence).toBeLessThan(0.9);
      for (const event of outcome.healing) expect(existsSync(event.before_screenshot)).toBe(true);
      // Only the applied locator is written into the flow; the proposal is a patch for a person.
      expect(outcome.rewritten).toBe(1);
      const rewritten = await readFile(flow, 'utf8');
      expect(rewritten).not.toContain('"#email"');
      expect(rewritten).toContain('"#login-btn"');
      expect(rewritten).toContain("at the end shows 'Welcome, Alice'");
      expect(await readFile(`${flow}.bak`, 'utf8')).toContain('"#email"');
      expect(await readFile(outcome.patch!, 'utf8')).toContain('+    selector: "#signin-btn"');
      const healed = outcome.healing;
      expect((await vaider.healingEvents({ review: 'pending' })).length).toBe(healed.length);
      const reviewed = await vaider.reviewHealing(healed[0]!.id, 'approved');
      expect(reviewed.review).toBe('approved');
    } finally {
      await vaider.close();
    }
  }, 2 * FLOW_RUN_MS);

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
  }, 1 * FLOW_RUN_MS);

  it('stops at max_mismatch_retries', async () => {
    const { flow, vaider } = await project('limit', { max_mismatch_retries: 1 });
    try {
      await writeFile(flow, (await readFile(flow, 'utf8')).replace("'Welcome, Alice'\"", "'Welcome, Bob'\""));
      const outcome = await vaider.runFlow({ flowPath: flow, driver: 'playwright', baseUrl: v1.url });
      expect(outcome).toMatchObject({ passed: false, stoppedBecause: 'mismatch_limit' });
      expect(outcome.attempts).toHaveLength(2);
      // Each verified recording is a recorded run, listed in the viewer beside every other analysis.
      const runs = await vaider.runs.list();
      expect(runs.map((r) => [r.input, r.requested_by, r.result?.verdict?.status])).toEqual(outcome.attempts.map((a) => [a.video, 'flow', 'mismatch']).reverse());
    } finally {
      await vaider.close();
    }
  }, 2 * FLOW_RUN_MS);

  it('re-runs a mismatching flow and stops when the same failure repeats three times, telling the developer', async () => {
    const { flow, vaider } = await project('loop');
    try {
      await writeFile(flow, (await readFile(flow, 'utf8')).replace("'Welcome, Alice'\"", "'Welcome, Bob'\""));
      const outcome = await vaider.runFlow({ flowPath: flow, driver: 'playwright', baseUrl: v1.url });
      expect(outcome.passed).toBe(false);
      expect(outcome.stoppedBecause).toBe('repeated_failure');
      expect(outcome.attempts).toHaveLength(3);
      expect(outcome.attempts.every((a) => a.verdict === 'mismatch')).toBe(true);
      // The attempt's folder is one of the flow's; the flow's own status.json sums them up.
      const status = JSON.parse(await readFile(path.join(outcome.interactionsDir, '..', '..', 'status.json'), 'utf8'));
      expect(status).toMatchObject({ state: 'needs_attention' });
      expect(await readFile(flow, 'utf8')).toContain("'Welcome, Bob'");
    } finally {
      await vaider.close();
    }
  }, 3 * FLOW_RUN_MS);
});
