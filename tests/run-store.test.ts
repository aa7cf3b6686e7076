import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIdForJob } from '../src/app/runs/run-ids.js';
import { openRunStore, readRunStore } from '../src/app/runs/run-store.js';
import type { RunRecord } from '../src/app/runs/run-types.js';
import { scratchDir } from './helpers/media-fixtures.js';

function run(id: string, second: number, patch: Partial<RunRecord> = {}): RunRecord {
  const at = new Date(Date.UTC(2026, 11, 2, 10, 0, second)).toISOString();
  return { id, input: `/p/${id}.mp4`, expectations: [], provider: 'local', requested_by: 'test', state: 'done', created_at: at, updated_at: at, cache_key: null, result: null, error: null, ...patch };
}

describe('the run store: one file per run', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await scratchDir('vaider-runs-'));
  });
  afterEach(() => cleanup());

  it('moves the runs of an earlier version’s runs.json into the folder, ending the ones a crash cut short', async () => {
    const runs = [run('run_a', 1), run('run_b', 2, { state: 'analyzing' }), run('run_c', 3)];
    await writeFile(path.join(dir, 'runs.json'), JSON.stringify({ version: 1, runs }));
    const store = await openRunStore(dir);
    expect(store.list().map((r) => r.id)).toEqual(['run_c', 'run_b', 'run_a']);
    expect(store.get('run_b')).toMatchObject({ state: 'error', error: { code: 'CANCELLED' } });
    expect(existsSync(path.join(dir, 'runs.json'))).toBe(false);
    expect((await readdir(path.join(dir, 'runs'))).sort()).toEqual(['run_a.json', 'run_b.json', 'run_c.json']);
    // Another process reads the same runs, as they stand on disk.
    expect((await readRunStore(dir)).get('run_b')?.state).toBe('error');
  });

  it("ends its own runs a crash cut short, but never a queued job's, and a worker ends none", async () => {
    const job = runIdForJob('0123456789abcdef0123456789abcdef');
    const store = await openRunStore(dir);
    await store.add(run('run_own', 1, { state: 'analyzing' }));
    await store.add(run(job, 2, { state: 'analyzing', job_attempt: 1 }));
    // A worker opening the store meanwhile leaves every run as it is.
    await openRunStore(dir, { endInterrupted: false });
    expect((await readRunStore(dir)).get('run_own')?.state).toBe('analyzing');
    // The owner, started again, ends its own; the job's run is its worker's, or the next one's the queue hands it to.
    await openRunStore(dir);
    const after = await readRunStore(dir);
    expect(after.get('run_own')).toMatchObject({ state: 'error', error: { code: 'CANCELLED' } });
    expect(after.get(job)).toMatchObject({ state: 'analyzing', error: null });
  });

  it('writes only the changed run, redacted, and drops the oldest beyond the cap', async () => {
    const store = await openRunStore(dir, { maxRuns: 2 });
    await store.add(run('run_1', 1));
    await store.add(run('run_2', 2));
    await store.update('run_2', { expectations: ['logs in with api_key=sk-live-1234567890abcdef1234'] });
    expect(await readFile(path.join(dir, 'runs', 'run_2.json'), 'utf8')).not.toContain('sk-live-1234567890abcdef1234');
    // In memory the record stays whole: the application still needs it.
    expect(store.get('run_2')?.expectations[0]).toContain('sk-live-1234567890abcdef1234');
    await store.add(run('run_3', 3));
    expect((await readdir(path.join(dir, 'runs'))).sort()).toEqual(['run_2.json', 'run_3.json']);
    expect(store.get('run_1')).toBeUndefined();
    const reopened = await openRunStore(path.join(dir));
    expect(reopened.page({ limit: 1 })).toMatchObject({ total: 2, runs: [{ id: 'run_3' }] });
  });

  it('pages, filters and searches newest first', async () => {
    const store = await openRunStore(dir);
    for (let i = 1; i <= 7; i++) await store.add(run(`run_${i}`, i, { state: i % 2 ? 'done' : 'error', input: `/p/${i % 3 ? 'login' : 'checkout'}-${i}.mp4` }));
    expect(store.page({ limit: 3, offset: 3 })).toMatchObject({ total: 7, runs: [{ id: 'run_4' }, { id: 'run_3' }, { id: 'run_2' }] });
    expect(store.page({ query: 'CHECKOUT' }).runs.map((r) => r.id)).toEqual(['run_6', 'run_3']);
    expect(store.page({ state: 'error', query: 'login' }).runs.map((r) => r.id)).toEqual(['run_4', 'run_2']);
  });
});
