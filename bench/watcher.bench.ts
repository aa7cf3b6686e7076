import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import type { WatchEvent } from '../src/app/watch/watch-events.js';
import { loadConfig, type ResolvedConfig } from '../src/config/load-config.js';
import type { VaiderRulesInput } from '../src/config/schema.js';
import { startWatching } from '../src/watcher/start-watching.js';
import { makeVideo, type TimedScreen } from '../tests/helpers/media-fixtures.js';
import { ms, workDir } from './bench-utils.js';

const VIDEOS = 20;

interface Project {
  dir: string;
  config: ResolvedConfig;
  vaider: Vaider;
  verdicts: Map<string, number>;
  close(): Promise<void>;
}

async function watchedProject(name: string, rules: VaiderRulesInput): Promise<Project> {
  const dir = await workDir(name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'test-output'), { recursive: true });
  await writeFile(path.join(dir, 'VaiderRules.json'), JSON.stringify(rules));
  const config = loadConfig({ cwd: dir, env: {} });
  const vaider = await openVaider(config, { watch: true });
  const verdicts = new Map<string, number>();
  vaider.watch!.onEvent((event: WatchEvent) => {
    if (event.type === 'verdict' || event.type === 'error') verdicts.set(event.path, performance.now());
  });
  const watcher = startWatching(config, vaider.watch!, () => undefined);
  await watcher.ready;
  return {
    dir,
    config,
    vaider,
    verdicts,
    async close() {
      await watcher.close();
      await vaider.close();
    },
  };
}

async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** 20 distinct 4 s 720p clips, generated once. */
async function clips(): Promise<string[]> {
  const dir = await workDir('watch-clips');
  return Promise.all(
    Array.from({ length: VIDEOS }, async (_, i) => {
      const file = path.join(dir, `clip-${i}.mp4`);
      const screens: TimedScreen[] = [
        { screen: { background: 'white', texts: [{ text: `Clip ${i}: sign in`, x: 100, y: 100, size: 40 }] }, start: 0, end: 2 },
        { screen: { background: 'white', texts: [{ text: `Clip ${i}: welcome`, x: 100, y: 200, size: 40 }] }, start: 2, end: 4 },
      ];
      const { existsSync } = await import('node:fs');
      if (!existsSync(file)) await makeVideo(file, screens);
      return file;
    }),
  );
}

const percentile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

/** Time from a file's last write to its verdict, throughput, and memory under a flood. */
export async function watcherBench(): Promise<string[]> {
  const sources = await clips();

  // Latency: one clip at a time, so no queueing; the floor is stable_ms plus the analysis itself.
  const latency = await watchedProject('watch-latency', { watch: { stable_ms: 500 } });
  const latencies: number[] = [];
  const analysisOnly: number[] = [];
  for (const [i, source] of sources.entries()) {
    const target = path.join(latency.dir, 'test-output', `clip-${i}.mp4`);
    await copyFile(source, target);
    const written = performance.now();
    await until(() => latency.verdicts.has(target));
    latencies.push(latency.verdicts.get(target)! - written);
  }
  for (const source of sources.slice(0, 5)) {
    const copy = path.join(latency.dir, 'direct.mp4');
    await copyFile(source, copy);
    const start = performance.now();
    await latency.vaider.analyze({ input: copy });
    analysisOnly.push(performance.now() - start);
  }
  await latency.close();

  const throughput = async (concurrency: number) => {
    const project = await watchedProject(`watch-throughput-${concurrency}`, { max_concurrent_analyses: concurrency, watch: { stable_ms: 500 } });
    const start = performance.now();
    await Promise.all(sources.map((source, i) => copyFile(source, path.join(project.dir, 'test-output', `clip-${i}.mp4`))));
    await until(() => project.verdicts.size === VIDEOS);
    const minutes = (performance.now() - start) / 60_000;
    await project.close();
    return VIDEOS / minutes;
  };
  const perMinute1 = await throughput(1);
  const perMinute2 = await throughput(2);

  const flood = await watchedProject('watch-flood', { max_concurrent_analyses: 2, watch: { stable_ms: 500 } });
  const baseline = process.memoryUsage();
  let peak = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const floodStart = performance.now();
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      sharp({ create: { width: 640, height: 360, channels: 3, background: { r: i, g: 255 - i, b: (i * 7) % 256 } } })
        .png()
        .toFile(path.join(flood.dir, 'test-output', `shot-${i}.png`)),
    ),
  );
  await until(() => flood.verdicts.size === 200);
  const floodSeconds = (performance.now() - floodStart) / 1000;
  clearInterval(sampler);
  await flood.close();

  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  return [
    '### Watcher: from a file’s last write to its verdict (local provider)',
    '',
    `| measure | p50 | p95 |`,
    '|---|---|---|',
    `| last write → verdict, ${VIDEOS} clips of 4 s 720p one at a time | ${ms(percentile(latencies, 0.5))} | ${ms(percentile(latencies, 0.95))} |`,
    `| the floor: stable_ms (500 ms) + \`analyze()\` of the same clip | ${ms(500 + percentile(analysisOnly, 0.5))} | ${ms(500 + percentile(analysisOnly, 0.95))} |`,
    '',
    `Throughput, ${VIDEOS} clips arriving at once: ${perMinute1.toFixed(0)} videos/min at concurrency 1, ${perMinute2.toFixed(0)} at concurrency 2.`,
    '',
    `Flood of 200 screenshots (640×360) at once, concurrency 2: all processed in ${floodSeconds.toFixed(1)} s; resident memory ${mib(baseline.rss)} before, peak ${mib(peak)}; JS heap ${mib(baseline.heapUsed)} before, peak ${mib(peakHeap)}.`,
    '',
  ];
}
