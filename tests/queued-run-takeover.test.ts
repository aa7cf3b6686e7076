import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIdForJob } from '../src/app/runs/run-ids.js';
import { createRunService } from '../src/app/runs/run-service.js';
import { openRunStore, readRunStore } from '../src/app/runs/run-store.js';
import type { RunRecord } from '../src/app/runs/run-types.js';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { VaiderError } from '../src/base/errors.js';
import { loadConfig } from '../src/config/load-config.js';
import { makeScreenshot, scratchDir, WELCOME_SCREEN } from './helpers/media-fixtures.js';

/**
 * Two workers of the shared queue on one job: the first missed renewing the job's lock (its process was
 * too busy), so the queue handed the job to a second while the first still ran. Each worker is its own
 * process with its own view of the store, as here: two stores opened on one folder.
 */
describe("a queued job's run when another worker takes the job over", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let vaider: Vaider;
  let screenshot: string;

  beforeEach(async () => {
    ({ dir, cleanup } = await scratchDir('vaider-takeover-'));
    screenshot = await makeScreenshot(path.join(dir, 'welcome.png'), WELCOME_SCREEN);
    vaider = await openVaider(loadConfig({ cwd: dir, env: {} }));
  });
  afterEach(async () => {
    await vaider.close();
    await cleanup();
  });

  const storeDir = () => path.join(dir, '.vaider');
  const stores = { open: () => openRunStore(storeDir()), read: () => readRunStore(storeDir()) };
  const runFile = async (id: string) => JSON.parse(await readFile(path.join(storeDir(), 'runs', `${id}.json`), 'utf8')) as RunRecord;

  it('keeps the outcome of the worker that took it over, whenever the first one ends', async () => {
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const first = createRunService(
      {
        config: vaider.config,
        providerId: vaider.providerId,
        analyze: async () => {
          started();
          await released;
          throw new VaiderError('CANCELLED', 'Taken over by another worker.');
        },
      },
      stores,
    );
    const second = createRunService(vaider, stores);
    const runId = runIdForJob('0123456789abcdef0123456789abcdef');

    const cutShort = first.analyze({ input: screenshot, expectations: ['shows Welcome'], runId, jobAttempt: 1 });
    await firstStarted;
    const { run } = await second.analyze({ input: screenshot, expectations: ['shows Welcome'], runId, jobAttempt: 2 });
    expect(run).toMatchObject({ id: runId, state: 'done', result: { verdict: { status: 'match' } }, job_attempt: 2 });

    release();
    await expect(cutShort).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await runFile(runId)).toMatchObject({ state: 'done', error: null, result: { verdict: { status: 'match' } }, job_attempt: 2 });
  }, 60_000);

  it('still records the error of an attempt nobody took over', async () => {
    const alone = createRunService(
      {
        config: vaider.config,
        providerId: vaider.providerId,
        analyze: async () => {
          throw new VaiderError('MODEL_UNAVAILABLE', 'The model did not answer.');
        },
      },
      stores,
    );
    const runId = runIdForJob('fedcba9876543210fedcba9876543210');
    await expect(alone.analyze({ input: screenshot, runId, jobAttempt: 1 })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    expect(await runFile(runId)).toMatchObject({ state: 'error', error: { code: 'MODEL_UNAVAILABLE' }, job_attempt: 1 });
  }, 60_000);
});
