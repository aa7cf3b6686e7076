import { appendFile, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../src/app/watch/watch-events.js';
import { startWatching } from '../src/watcher/start-watching.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';
import { watchFixture, type WatchFixture } from './helpers/watch-fixture.js';

let media: string;
let cleanupMedia: () => Promise<void>;
let loginVideo: string;

beforeAll(async () => {
  ({ dir: media, cleanup: cleanupMedia } = await scratchDir('vaider-watch-media-'));
  loginVideo = await makeVideo(path.join(media, 'login.mp4'), LOGIN_FLOW);
});
afterAll(() => cleanupMedia());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isVerdict = (file: string) => (e: WatchEvent) => e.type === 'verdict' && e.path === file;

async function withWatcher(fx: WatchFixture, body: () => Promise<void>): Promise<void> {
  const watcher = startWatching(fx.config, fx.vaider.watch!, (error) => {
    throw error;
  });
  await watcher.ready;
  try {
    await body();
  } finally {
    await watcher.close();
  }
}

describe('watching a project with real chokidar', () => {
  it('a video written in chunks is one job, analyzed after the last write, with its sidecar expectations', async () => {
    // The writer's pauses (100 ms) stay far below stable_ms even when a busy machine stalls it.
    const fx = await watchFixture({ watch: { stable_ms: 1000 } });
    try {
      await withWatcher(fx, async () => {
        const target = path.join(fx.dir, 'test-output', 'login.mp4');
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(`${target}.expect.md`, "at the end shows 'Welcome, Alice'\n");
        const bytes = await readFile(loginVideo);
        const chunk = Math.ceil(bytes.length / 5);
        for (let i = 0; i < 5; i++) {
          await appendFile(target, bytes.subarray(i * chunk, (i + 1) * chunk));
          await sleep(100);
        }
        const lastWrite = Date.now();
        const verdict = await fx.waitFor(isVerdict(target));
        expect(Date.now()).toBeGreaterThanOrEqual(lastWrite);
        expect(verdict).toMatchObject({ verdict: 'match' });
        expect(fx.events.filter((e) => e.type === 'detected')).toHaveLength(1);

        // Its own output (keyframe PNGs in the interactions folder) is never picked up.
        await sleep(800);
        expect(fx.events.filter((e) => e.type === 'detected')).toHaveLength(1);
      });
    } finally {
      await fx.close();
    }
  });

  it('does not analyze the same content twice, and analyses a rewrite with new content', async () => {
    const fx = await watchFixture({ watch: { stable_ms: 200 } });
    try {
      await withWatcher(fx, async () => {
        const target = path.join(fx.dir, 'test-output', 'same.mp4');
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(loginVideo, target);
        await fx.waitFor(isVerdict(target));
        await copyFile(loginVideo, target); // same bytes, new mtime
        await sleep(1000);
        expect(fx.events.filter(isVerdict(target))).toHaveLength(1);

        await appendFile(target, Buffer.from('new bytes after the index'));
        await fx.waitFor((e) => isVerdict(target)(e) && fx.events.filter(isVerdict(target)).length === 2);
        expect(fx.events.filter((e) => e.type === 'detected' && e.path === target)).toHaveLength(2);
      });
    } finally {
      await fx.close();
    }
  });

  it('reports a video that keeps growing past the timeout, and analyses it once it stops', async () => {
    // The timeout is also how long a file may grow before the watcher says so: short, yet long enough
    // for the analysis itself on a busy machine.
    // The writer's pauses (100 ms) stay far below stable_ms even when a busy machine stalls it.
    const fx = await watchFixture({ analysis_timeout_seconds: 6, watch: { stable_ms: 1500 } });
    try {
      await withWatcher(fx, async () => {
        const target = path.join(fx.dir, 'test-output', 'growing.mp4');
        await mkdir(path.dirname(target), { recursive: true });
        const bytes = await readFile(loginVideo);
        const parts = 80;
        const chunk = Math.ceil(bytes.length / parts);
        for (let i = 0; i < parts; i++) {
          await appendFile(target, bytes.subarray(i * chunk, (i + 1) * chunk));
          await sleep(100);
        }
        expect(await fx.waitFor((e) => e.type === 'still_writing' && e.path === target)).toMatchObject({ seconds: 6 });
        await fx.waitFor(isVerdict(target));
        expect(fx.events.filter((e) => e.type === 'detected' && e.path === target)).toHaveLength(1);
      });
    } finally {
      await fx.close();
    }
  });

  it('processes a flood of 200 files, each once', async () => {
    const fx = await watchFixture({ max_concurrent_analyses: 2, watch: { stable_ms: 200 } });
    try {
      const sharp = (await import('sharp')).default;
      const folder = path.join(fx.dir, 'test-output', 'flood');
      await mkdir(folder, { recursive: true });
      await withWatcher(fx, async () => {
        await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            sharp({ create: { width: 64, height: 48, channels: 3, background: { r: i, g: 255 - i, b: (i * 7) % 256 } } })
              .png()
              .toFile(path.join(folder, `shot-${String(i).padStart(3, '0')}.png`)),
          ),
        );
        await expect.poll(() => fx.events.filter((e) => e.type === 'verdict').length, { timeout: 90_000, interval: 250 }).toBe(200);
        await fx.vaider.watch!.idle();
      });
      expect(fx.events.filter((e) => e.type === 'detected')).toHaveLength(200);
      expect(fx.events.filter((e) => e.type === 'error')).toEqual([]);
    } finally {
      await fx.close();
    }
  });
});
