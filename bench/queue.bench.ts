import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { makeVideo, type TimedScreen } from '../tests/helpers/media-fixtures.js';
import { startRedis } from '../tests/helpers/redis-server.js';
import { ms, ratio, workDir } from './bench-utils.js';

const VIDEOS = 16;
const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

/** A 5 s 1280×720 clip of three screens, its text its own, so no analysis answers for another. */
function clip(n: number): TimedScreen[] {
  const screen = (title: string) => ({ background: 'white', boxes: [{ x: 0, y: 0, w: 1280, h: 80, color: '0x1a73e8' }], texts: [{ text: `Order ${n}`, x: 40, y: 22, size: 32, color: 'white' }, { text: title, x: 80, y: 200, size: 48 }] });
  return [
    { screen: screen(`Cart for order ${n}`), start: 0, end: 1.7 },
    { screen: screen(`Paying order ${n}`), start: 1.7, end: 3.4 },
    { screen: screen(`Order ${n} paid`), start: 3.4, end: 5 },
  ];
}

async function clips(): Promise<string[]> {
  const dir = await workDir('queue-clips');
  const files: string[] = [];
  for (let n = 1; n <= VIDEOS; n++) {
    const file = path.join(dir, `order-${n}.mp4`);
    if (!existsSync(file)) await makeVideo(file, clip(n), { width: 1280, height: 720, fps: 25 });
    files.push(file);
  }
  return files;
}

/** A fresh project with its own copy of the clips and their expectations, so no earlier run is reused. */
async function project(name: string, sources: string[], rules: object): Promise<{ dir: string; videos: string[] }> {
  const dir = path.join(await workDir('queue'), name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'test-output'), { recursive: true });
  const videos = await Promise.all(
    sources.map(async (source, i) => {
      const file = path.join(dir, 'test-output', path.basename(source));
      await copyFile(source, file);
      await writeFile(`${file}.expect.md`, `- at the end shows 'Order ${i + 1} paid'\n`);
      return file;
    }),
  );
  await writeFile(path.join(dir, 'VaiderRules.json'), JSON.stringify(rules));
  return { dir, videos };
}

function worker(cwd: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'worker'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('taking jobs')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

/**
 * The shared queue on this machine: videos a minute with 1, 2 and 4 `vaider worker` processes on one
 * Redis, against the same analyses in one process with no queue (the limit here: both cores busy),
 * and the queue's own cost per job, enqueue to start, when a worker is idle.
 */
export async function queueBench(): Promise<string[]> {
  const redis = await startRedis();
  const sources = await clips();
  try {
    // The limit: one process with no queue, analyses as many at a time as it runs by default (max_concurrent_analyses: cores − 1).
    const local = await project('local', sources, {});
    const vaider = await openVaider(loadConfig({ cwd: local.dir, env: {} }), { ownStore: true });
    let started = performance.now();
    await Promise.all(local.videos.map((input) => vaider.runs.analyze({ input })));
    const inProcess = (VIDEOS / (performance.now() - started)) * 60_000;
    await vaider.close();

    const rows: string[] = [];
    for (const workers of [1, 2, 4]) {
      const fleet = await project(`workers-${workers}`, sources, { queue: { url: redis.url, name: `bench-${workers}` } });
      const children = await Promise.all(Array.from({ length: workers }, () => worker(fleet.dir)));
      const submitter = await openVaider(loadConfig({ cwd: fleet.dir, env: {} }), { role: 'command' });
      const queue = (await submitter.queue())!;
      started = performance.now();
      await queue.submit(fleet.videos, { requestedBy: 'bench' });
      while ((await queue.status()).completed < VIDEOS) await new Promise((r) => setTimeout(r, 100));
      const perMinute = (VIDEOS / (performance.now() - started)) * 60_000;
      await submitter.close();
      for (const child of children) child.kill('SIGTERM');
      rows.push(`| ${workers} | ${perMinute.toFixed(1)} | ${ratio(perMinute, inProcess)} |`);
    }

    // The queue's own cost: one idle worker, jobs submitted one at a time; enqueue → the worker starts it.
    const idle = await project('overhead', sources.slice(0, 8), { queue: { url: redis.url, name: 'bench-overhead' } });
    const child = await worker(idle.dir);
    const submitter = await openVaider(loadConfig({ cwd: idle.dir, env: {} }), { role: 'command' });
    const queue = (await submitter.queue())!;
    for (const [i, video] of idle.videos.entries()) {
      await queue.submit([video], { requestedBy: 'bench' });
      while ((await queue.status()).completed < i + 1) await new Promise((r) => setTimeout(r, 20));
    }
    await submitter.close();
    child.kill('SIGTERM');
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const bull = new Queue('bench-overhead', { connection });
    const waits = (await bull.getCompleted(0, 100)).map((job) => (job.processedOn ?? 0) - job.timestamp);
    await bull.close();
    await connection.quit();

    return [
      `### The shared queue (\`npm run bench -- queue\`): ${VIDEOS} clips of 5 s, 1280×720, 3 screens, 1 expectation each`,
      '',
      `Workers are \`vaider worker\` processes (concurrency 1) on one machine and one Redis (Debian's redis-server on loopback). The limit: the same ${VIDEOS} analyses in one process with no queue, ${inProcess.toFixed(1)} videos a minute.`,
      '',
      '| workers | videos a minute | vs one process, no queue |',
      '|---|---|---|',
      ...rows,
      '',
      `Queue cost per job, enqueue to a worker starting it, with the worker idle (${waits.length} jobs): p50 ${ms(percentile(waits, 50))}, p95 ${ms(percentile(waits, 95))}.`,
      '',
    ];
  } finally {
    await redis.stop();
  }
}
