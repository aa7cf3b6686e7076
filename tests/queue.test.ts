import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import type { RunRecord } from '../src/app/runs/run-types.js';
import { VaiderError } from '../src/base/errors.js';
import { loadConfig } from '../src/config/load-config.js';
import { openAnalysisQueue } from '../src/queue/analysis-queue.js';
import { queueSettings } from '../src/app/queue/queue-settings.js';
import { startServer, type ServerHandle } from '../src/server/start-server.js';
import { BIN, vaiderIn } from './helpers/daemon.js';
import { makeVideo, scratchDir, type ScreenSpec } from './helpers/media-fixtures.js';
import { startRedis, type RedisServer } from './helpers/redis-server.js';

const VIDEOS = 60;
const WORKERS = 3;

/** A short clip of its own: an order number on screen, then a confirmation. */
function orderClip(n: number): Array<{ screen: ScreenSpec; start: number; end: number }> {
  return [
    { screen: { background: 'white', texts: [{ text: `Order ${n}`, x: 20, y: 40, size: 36 }] }, start: 0, end: 0.6 },
    { screen: { background: 'white', texts: [{ text: `Order ${n} paid`, x: 20, y: 40, size: 36 }] }, start: 0.6, end: 1.2 },
  ];
}

/** The attempts in each video's interactions folder, as their attempt.json records them. */
async function attemptsOf(videos: string[]): Promise<Array<{ video: string; attempt: number; pid: number; state: string }>> {
  const found = await Promise.all(
    videos.map(async (video) => {
      const dir = path.join(`${video}.VaiderInteractions`, 'attempts');
      const names = await readdir(dir).catch(() => [] as string[]);
      const records = await Promise.all(names.map((n) => readFile(path.join(dir, n, 'attempt.json'), 'utf8').then((t) => JSON.parse(t) as { attempt: number; pid: number; state: string }).catch(() => undefined)));
      return records.filter((r) => r !== undefined).map((r) => ({ video, ...r }));
    }),
  );
  return found.flat();
}

interface Worker {
  child: ChildProcess;
  done: () => number;
  log: () => string;
}

function startWorker(cwd: string): Worker {
  const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', '1'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { child, done: () => out.split('\n').filter((l) => l.startsWith('done ')).length, log: () => out };
}

describe('a shared queue on Redis: workers in separate processes', () => {
  let redis: RedisServer;
  let dir: string;
  let cleanup: () => Promise<void>;
  let videos: string[];

  beforeAll(async () => {
    redis = await startRedis();
    ({ dir, cleanup } = await scratchDir('vaider-queue-'));
    await mkdir(path.join(dir, 'test-output'));
    videos = [];
    for (let n = 1; n <= VIDEOS; n += 6) {
      videos.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(6, VIDEOS - n + 1) }, async (_, i) => {
            const file = await makeVideo(path.join(dir, 'test-output', `order-${n + i}.webm`), orderClip(n + i), { width: 320, height: 120, fps: 10, codec: 'vp8' });
            await writeFile(`${file}.expect.md`, `- at the end shows 'Order ${n + i} paid'\n`);
            return file;
          }),
        )),
      );
    }
    await writeFile(path.join(dir, 'VaiderRules.json'), JSON.stringify({ queue: { url: redis.url, lock_seconds: 2 } }));
  }, 180_000);

  afterAll(async () => {
    await cleanup?.();
    await redis?.stop();
  });

  it('60 videos, 3 workers, one killed with -9 mid-job: every video ends with exactly one run, and the server shows all 60', async () => {
    // The server follows the fleet: each run appears in its list as a worker finishes it.
    const vaider: Vaider = await openVaider(loadConfig({ cwd: dir, env: {} }), { ownStore: true });
    const server: ServerHandle = await startServer({ vaider, host: '127.0.0.1', port: 0 });
    const workers: Worker[] = [];
    try {
      const submitted = await vaiderIn(dir, 'submit', ...videos, '--json');
      expect(submitted.code, submitted.stderr).toBe(0);
      const { submissions } = JSON.parse(submitted.stdout.toString()) as { submissions: Array<{ outcome: string; run_id: string; file: string }> };
      expect(submissions.map((s) => s.outcome)).toEqual(Array(VIDEOS).fill('queued'));
      // Submitting the same unchanged files again makes no second job.
      const again = JSON.parse((await vaiderIn(dir, 'submit', videos[0]!, '--json')).stdout.toString()) as { submissions: Array<{ outcome: string; run_id: string }> };
      expect(again.submissions[0]).toMatchObject({ outcome: 'known', run_id: submissions[0]!.run_id });

      for (let i = 0; i < WORKERS; i++) workers.push(startWorker(dir));
      // Killed while it holds a job: it has finished some, and its attempt on another is running.
      const victim = workers[0]!;
      await expect.poll(() => victim.done(), { timeout: 120_000, interval: 200 }).toBeGreaterThanOrEqual(2);
      let cutShort: string | undefined;
      await expect
        .poll(
          async () => {
            cutShort = (await attemptsOf(videos)).find((a) => a.pid === victim.child.pid && a.state === 'running')?.video;
            return cutShort;
          },
          { timeout: 60_000, interval: 50 },
        )
        .toBeDefined();
      victim.child.kill('SIGKILL');

      const status = async () => (await (await vaider.queue())!.status());
      await expect.poll(async () => (await status()).completed, { timeout: 240_000, interval: 1000 }).toBe(VIDEOS);
      expect((await status()).failed).toBe(0);

      const runFiles = await readdir(path.join(dir, '.vaider', 'runs'));
      const runs = await Promise.all(runFiles.map(async (f) => JSON.parse(await readFile(path.join(dir, '.vaider', 'runs', f), 'utf8')) as RunRecord));
      expect(runs).toHaveLength(VIDEOS);
      expect(new Set(runs.map((r) => r.input)).size).toBe(VIDEOS);
      expect(runs.map((r) => r.id).sort()).toEqual(submissions.map((s) => s.run_id).sort());
      for (const run of runs) expect(run, run.input).toMatchObject({ state: 'done', requested_by: 'submit', result: { verdict: { status: 'match' } } });
      // The job the killed worker held ran again in another worker: its attempt cut short, then a finished one.
      const retried = (await attemptsOf([cutShort!])).sort((a, b) => a.attempt - b.attempt);
      expect(retried[0]).toMatchObject({ pid: victim.child.pid });
      expect(retried.at(-1)).toMatchObject({ state: 'done' });
      expect(retried.at(-1)!.pid).not.toBe(victim.child.pid);

      await expect.poll(async () => ((await (await fetch(`${server.url}/v1/runs?limit=100`)).json()) as { total: number }).total, { timeout: 15_000 }).toBe(VIDEOS);
      const health = (await (await fetch(`${server.url}/v1/health`)).json()) as { queue: { completed: number } };
      expect(health.queue.completed).toBe(VIDEOS);

      // The server's own analyses go to the fleet too: answered by a worker, recorded as its job's run.
      const extra = await makeVideo(path.join(dir, 'test-output', 'order-61.webm'), orderClip(61), { width: 320, height: 120, fps: 10, codec: 'vp8' });
      const viaServer = await fetch(`${server.url}/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: extra, expectations: ["at the end shows 'Order 61 paid'"] }) });
      const answered = (await viaServer.json()) as { run_id: string; verdict: { status: string } };
      expect(viaServer.status).toBe(200);
      expect(answered.run_id).toMatch(/^run_q_/);
      expect(answered.verdict.status).toBe('match');
      expect((await status()).completed).toBe(VIDEOS + 1);

      // A job whose file is gone by the time a worker takes it fails for good, at once (no retries),
      // and the status says why. Enqueued directly: a file deleted after `vaider submit` races the
      // workers, and a worker that opened it first would rightly finish it.
      const doomed = path.join(dir, 'test-output', 'order-62.webm');
      const raw = await openAnalysisQueue(queueSettings(vaider.config)!);
      try {
        await raw.enqueue('gone-before-taken', { path: doomed, expectations: [], expectations_source: null, rules_hash: 'test', requested_by: 'submit', submitted_at: new Date().toISOString() });
      } finally {
        await raw.close();
      }
      await expect.poll(async () => (await status()).failed, { timeout: 60_000 }).toBe(1);
      const listed = await vaiderIn(dir, 'queue', 'status', '--json');
      const failedJobs = (JSON.parse(listed.stdout.toString()) as { failed_jobs: Array<{ path: string; reason: string; attempts: number }> }).failed_jobs;
      expect(failedJobs).toEqual([expect.objectContaining({ path: doomed, attempts: 1, reason: expect.stringMatching(/^INPUT_NOT_FOUND: /) })]);
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => (w.child.exitCode === null && w.child.signalCode === null ? new Promise((r) => w.child.once('exit', r)) : undefined)));
      await server.close();
      await vaider.close();
    }
  }, 420_000);

  it('a server waiting for a worker stops waiting when its caller does; the job stays queued', async () => {
    const idle = path.join(dir, 'idle');
    await mkdir(idle);
    await writeFile(path.join(idle, 'VaiderRules.json'), JSON.stringify({ queue: { url: redis.url, name: 'idle' }, allowed_roots: [dir] }));
    const vaider = await openVaider(loadConfig({ cwd: idle, env: {} }), { ownStore: true });
    try {
      const caller = new AbortController();
      const waiting = vaider.runs.analyze({ input: videos[0]!, signal: caller.signal });
      setTimeout(() => caller.abort(new VaiderError('CANCELLED', 'The client hung up.')), 1500);
      await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(await (await vaider.queue())!.status()).toMatchObject({ waiting: 1, workers: 0 });
    } finally {
      await vaider.close();
    }
  }, 60_000);

  it('an unreachable Redis: a coded error and a line per file not enqueued, no crash', async () => {
    const elsewhere = path.join(dir, 'unreachable');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'VaiderRules.json'), JSON.stringify({ queue: { url: 'redis://127.0.0.1:1' }, allowed_roots: [dir] }));
    const run = await vaiderIn(elsewhere, 'submit', videos[0]!, videos[1]!);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('QUEUE_UNAVAILABLE');
    expect(run.stderr).toContain('2 of 2 file(s) not enqueued');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const status = await vaiderIn(elsewhere, 'queue', 'status');
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('QUEUE_UNAVAILABLE');
  }, 60_000);
});
