import { appendFile, copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VaiderRulesInput } from '../src/config/schema.js';
import { startServer } from '../src/server/start-server.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';
import { watchFixture, type WatchFixture } from './helpers/watch-fixture.js';

const SCRIPT = path.join(import.meta.dirname, 'helpers', 'rerun-script.mjs');
const EXPECT = "at the end shows 'Welcome, Alice'\n";

let media: string;
let cleanupMedia: () => Promise<void>;
let passing: string;
let failing: string;

beforeAll(async () => {
  ({ dir: media, cleanup: cleanupMedia } = await scratchDir('vaider-retry-media-'));
  passing = await makeVideo(path.join(media, 'pass.mp4'), LOGIN_FLOW);
  failing = await makeVideo(path.join(media, 'fail.mp4'), LOGIN_FLOW.slice(0, 2));
});
afterAll(() => cleanupMedia());

interface Plan {
  videos: string[];
  appendAttempt?: boolean;
  calls?: string[][];
}

/** A project whose test-output/login.mp4 starts as `first`, with the rerun script as rerun_command. */
async function retryProject(plan: Plan, rules: VaiderRulesInput = {}, first = failing) {
  const { dir, cleanup } = await scratchDir('vaider-retry-');
  const planFile = path.join(dir, 'plan.json');
  await writeFile(planFile, JSON.stringify(plan));
  const fx = await watchFixture({ rerun_command: [process.execPath, SCRIPT, planFile, '{video}', '{test_title}'], ...rules }, dir);
  const video = path.join(dir, 'test-output', 'login.mp4');
  await mkdir(path.dirname(video), { recursive: true });
  await copyFile(first, video);
  await writeFile(`${video}.expect.json`, JSON.stringify({ version: 1, expectations: [EXPECT.trim()], test: { title: 'signs in', file: 'tests/login.spec.ts' } }));
  const readPlan = async () => JSON.parse(await readFile(planFile, 'utf8')) as Plan;
  const status = async () => JSON.parse(await readFile(`${video}.VaiderInteractions/status.json`, 'utf8'));
  return { fx, video, readPlan, status, cleanup: async () => (await fx.close(), await cleanup()) };
}

async function runToIdle(fx: WatchFixture, video: string): Promise<void> {
  await fx.vaider.watch!.submit(video);
  await fx.vaider.watch!.idle();
}

describe('the VaiderRules retry loop', () => {
  it('re-runs a mismatching test and stops at the first match (attempt 2)', async () => {
    const p = await retryProject({ videos: [failing, passing], appendAttempt: true });
    try {
      await runToIdle(p.fx, p.video);
      expect((await p.readPlan()).calls).toHaveLength(2);
      const verdicts = p.fx.events.filter((e) => e.type === 'verdict').map((e) => (e as { verdict: string }).verdict);
      expect(verdicts).toEqual(['mismatch', 'mismatch', 'match']);
      const status = await p.status();
      expect(status).toMatchObject({ state: 'done', retry: { mismatch: 0, error: 0 }, attempts: { total: 3, mismatches: 2 } });
      // Every analysis and every re-run keeps its own folder: the earlier attempts' evidence is intact.
      expect(status.history.map((h: { kind: string; verdict: string | null }) => `${h.kind}:${h.verdict ?? '-'}`)).toEqual([
        'analysis:mismatch',
        'rerun:-',
        'analysis:mismatch',
        'rerun:-',
        'analysis:match',
      ]);
      for (const h of status.history) expect(await readdir(path.join(`${p.video}.VaiderInteractions`, h.dir))).toContain(h.kind === 'analysis' ? 'README.md' : 'attempt.json');
      expect(await readdir(path.join(`${p.video}.VaiderInteractions`, 'attempts', '002'))).toContain('01_rerun_request.json');
      const readme = await readFile(`${p.video}.VaiderInteractions/README.md`, 'utf8');
      expect(readme).toContain('**Latest:** attempt 5 (analysis): MATCH');
      expect(readme).toContain('3 analyses in all (2 mismatches, 0 errors); 2 test re-runs kept here.');
      expect(readme).toMatch(/#3 → #5 \(new recording\): 'at the end shows 'Welcome, Alice'' FAIL → PASS/);
      expect(p.fx.events.some((e) => e.type === 'attention')).toBe(false);
    } finally {
      await p.cleanup();
    }
  });

  it('gives up after max_mismatch_retries (5) and says where to look', async () => {
    const p = await retryProject({ videos: [failing], appendAttempt: true });
    try {
      await runToIdle(p.fx, p.video);
      expect((await p.readPlan()).calls).toHaveLength(5);
      const attention = p.fx.events.find((e) => e.type === 'attention');
      expect(attention).toMatchObject({ path: p.video, interactionsDir: `${p.video}.VaiderInteractions` });
      expect((attention as { message: string }).message).toMatch(/after 5 re-runs/);
      // Giving up ends the loop: its counts do not carry over to the next new video.
      expect(await p.status()).toMatchObject({ state: 'needs_attention', retry: { mismatch: 0, error: 0 }, attempts: { total: 6, mismatches: 6 } });
      expect(await readFile(`${p.video}.VaiderInteractions/README.md`, 'utf8')).toMatch(/^# Vaider: login\.mp4\n\n> \*\*Needs attention\.\*\* .*after 5 re-runs/);
      expect(await p.fx.vaider.watch!.outcome([p.video])).toMatchObject({ tally: { attention: 1 }, results: [{ path: p.video, state: 'needs_attention' }] });

      // A developer's new recording that mismatches starts a fresh loop: re-run at once, not given up.
      await copyFile(failing, p.video);
      await appendFile(p.video, 'a new run by the developer');
      await runToIdle(p.fx, p.video);
      expect((await p.readPlan()).calls!.length).toBeGreaterThan(5);
    } finally {
      await p.cleanup();
    }
  });

  it('gives up when the re-run writes no new video', async () => {
    const p = await retryProject({ videos: [failing] });
    try {
      await runToIdle(p.fx, p.video);
      expect((await p.readPlan()).calls).toHaveLength(1);
      expect(p.fx.events.find((e) => e.type === 'attention')).toMatchObject({ message: expect.stringMatching(/did not write a new video/) });
    } finally {
      await p.cleanup();
    }
  });

  it('retries an analysis that times out up to max_error_retries (3), then gives up', async () => {
    const p = await retryProject({ videos: [passing] }, { analysis_timeout_seconds: 0.01 }, passing);
    try {
      await runToIdle(p.fx, p.video);
      const retries = p.fx.events.filter((e) => e.type === 'rerun');
      expect(retries.map((e) => (e as { reason: string; attempt: number }).attempt)).toEqual([1, 2, 3]);
      expect(retries.every((e) => (e as { reason: string }).reason === 'error')).toBe(true);
      expect(p.fx.events.filter((e) => e.type === 'error')).toHaveLength(4);
      expect(await p.status()).toMatchObject({ state: 'needs_attention', attempts: { total: 4, errors: 4 }, last_error: { code: 'ANALYSIS_TIMEOUT' } });
      expect((await p.readPlan()).calls ?? []).toHaveLength(0);
    } finally {
      await p.cleanup();
    }
  });

  it('passes a test title with quotes and $(...) as plain text: no shell runs', async () => {
    const p = await retryProject({ videos: [passing] });
    try {
      const title = `it's "quoted" $(touch pwned) \`touch pwned2\``;
      await writeFile(`${p.video}.expect.json`, JSON.stringify({ expectations: [EXPECT.trim()], test: { title, file: 'tests/a b.spec.ts' } }));
      await runToIdle(p.fx, p.video);
      expect((await p.readPlan()).calls).toEqual([[p.video, title]]);
      expect(existsSync(path.join(p.fx.dir, 'pwned'))).toBe(false);
      expect(existsSync(path.join(p.fx.dir, 'pwned2'))).toBe(false);
    } finally {
      await p.cleanup();
    }
  });

  it('tells connected MCP clients when it gives up', async () => {
    const p = await retryProject({ videos: [failing] }, { on_mismatch: 'notify' });
    const server = await startServer({ vaider: p.fx.vaider, host: '127.0.0.1', port: 0, maxBodyKb: 64 });
    const client = new Client({ name: 'attention-test', version: '1.0.0' });
    try {
      const messages: unknown[] = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        messages.push(n.params.data);
      });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
      await runToIdle(p.fx, p.video);
      await expect.poll(() => messages).toContainEqual(expect.objectContaining({ event: 'needs_attention', path: p.video }));
      expect((await p.readPlan()).calls ?? []).toHaveLength(0);
    } finally {
      await client.close();
      await server.close();
      await p.cleanup();
    }
  });
});
