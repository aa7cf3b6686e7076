import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalyzeRequest } from '../src/app/analysis/analysis-types.js';
import { analyzeJob, prepareJob } from '../src/app/queue/queue-jobs.js';
import { createRunService, type RunRequest } from '../src/app/runs/run-service.js';
import { openRunStore, readRunStore } from '../src/app/runs/run-store.js';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { VaiderError } from '../src/base/errors.js';
import { loadConfig } from '../src/config/load-config.js';
import { makeScreenshot, scratchDir, WELCOME_SCREEN } from './helpers/media-fixtures.js';

/** What a caller asks of an analysis reaches the worker that does it, and only a request the fleet can answer goes to it. */
describe('queued analyses carry what was asked', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let vaider: Vaider;
  let screenshot: string;

  beforeEach(async () => {
    ({ dir, cleanup } = await scratchDir('vaider-job-options-'));
    screenshot = await makeScreenshot(path.join(dir, 'welcome.png'), WELCOME_SCREEN);
    vaider = await openVaider(loadConfig({ cwd: dir, env: {} }));
  });
  afterEach(async () => {
    await vaider.close();
    await cleanup();
  });

  const stores = () => ({ open: () => openRunStore(path.join(dir, '.vaider')), read: () => readRunStore(path.join(dir, '.vaider')) });

  it('makes a different job for different options, the same job for the same ones, and a new one each time no_cache is asked', async () => {
    const plain = await prepareJob(vaider.config, screenshot, { requestedBy: 'api' });
    expect((await prepareJob(vaider.config, screenshot, { requestedBy: 'api', options: {} })).id).toBe(plain.id);
    expect(plain.job.options).toBeUndefined();

    const withoutDrift = await prepareJob(vaider.config, screenshot, { requestedBy: 'api', options: { drift: false, max_keyframes: 4 } });
    expect(withoutDrift.id).not.toBe(plain.id);
    expect(withoutDrift.job.options).toEqual({ drift: false, max_keyframes: 4 });
    expect((await prepareJob(vaider.config, screenshot, { requestedBy: 'api', options: { drift: false, max_keyframes: 4 } })).id).toBe(withoutDrift.id);

    const again = await prepareJob(vaider.config, screenshot, { requestedBy: 'api', options: { no_cache: true } });
    const onceMore = await prepareJob(vaider.config, screenshot, { requestedBy: 'api', options: { no_cache: true } });
    expect(new Set([plain.id, again.id, onceMore.id]).size).toBe(3);
  });

  it("hands a job's options to the analysis the worker runs", async () => {
    const asked: AnalyzeRequest[] = [];
    const worker = createRunService({ config: vaider.config, providerId: vaider.providerId, analyze: (request) => (asked.push(request), vaider.analyze(request)) }, stores());
    const prepared = await prepareJob(vaider.config, screenshot, { expectations: ['shows Welcome'], requestedBy: 'api', options: { provider: 'local', max_keyframes: 3, drift: false, no_cache: true } });

    const answered = await analyzeJob(worker, prepared.job, { id: prepared.id, start: 1 }, new AbortController().signal);
    expect(answered).toEqual({ run_id: prepared.run_id, verdict: 'match' });
    expect(asked).toEqual([expect.objectContaining({ provider: 'local', maxKeyframes: 3, drift: false, noCache: true })]);
  }, 60_000);

  it('sends a request to the queue, except one answered by the calling MCP client\'s own model', async () => {
    const sentToQueue: RunRequest[] = [];
    const server = createRunService(vaider, stores(), async (request) => {
      sentToQueue.push(request);
      throw new VaiderError('QUEUE_UNAVAILABLE', 'No Redis in this test.');
    });
    await expect(server.analyze({ input: screenshot, expectations: ['shows Welcome'], maxKeyframes: 2 })).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(sentToQueue).toEqual([expect.objectContaining({ input: screenshot, maxKeyframes: 2 })]);

    const sampling = async () => ({ text: JSON.stringify({ summary: 'A welcome screen.', steps: [] }), model: 'client-model' });
    const { run } = await server.analyze({ input: screenshot, provider: 'sampling', sampling });
    expect(run).toMatchObject({ provider: 'sampling', state: 'done' });
    expect(run.id).not.toMatch(/^run_q_/);
    expect(sentToQueue).toHaveLength(1);
  }, 60_000);
});
