import { appendFile, copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { WatchEvent } from '../src/app/watch/watch-events.js';
import { startWatching } from '../src/watcher/start-watching.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';
import { makeFifo, makeSparseFile, releaseFifoReaders } from './helpers/special-files.js';
import { watchFixture, type WatchFixture } from './helpers/watch-fixture.js';

let media: string;
let cleanupMedia: () => Promise<void>;
let video: string;

beforeAll(async () => {
  ({ dir: media, cleanup: cleanupMedia } = await scratchDir('vaider-watch-safety-media-'));
  video = await makeVideo(path.join(media, 'login.mp4'), LOGIN_FLOW.slice(0, 1), { width: 640, height: 360 });
});
afterAll(() => cleanupMedia());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const about = (file: string, type: WatchEvent['type']) => (e: WatchEvent) => e.type === type && e.path === file;

/** A project with a running watcher, closed when the test ends however it ends. */
async function watchedProject(stableMs: number): Promise<WatchFixture> {
  const fx = await watchFixture({ watch: { stable_ms: stableMs } });
  const watcher = startWatching(fx.config, fx.vaider.watch!, (error) => {
    throw error;
  });
  onTestFinished(async () => {
    await watcher.close();
    await fx.close();
  });
  await watcher.ready;
  await mkdir(path.join(fx.dir, 'test-output'));
  return fx;
}

describe('no input stalls the watcher', () => {
  it('a named pipe and a sparse 16 GB file beside a real video: the video is analyzed, the others get coded errors', async () => {
    const fx = await watchedProject(200);
    const out = path.join(fx.dir, 'test-output');
    const fifo = await makeFifo(path.join(out, 'pipe.mp4'));
    onTestFinished(() => releaseFifoReaders(fifo));
    const sparse = await makeSparseFile(path.join(out, 'huge.mp4'), 16 * 1024 ** 3);
    const real = path.join(out, 'login.mp4');
    await copyFile(video, real);

    await fx.waitFor(about(real, 'verdict'));
    const piped = await fx.waitFor(about(fifo, 'error'));
    expect(piped).toMatchObject({ error: { code: 'INPUT_NOT_REGULAR' } });
    const huge = await fx.waitFor(about(sparse, 'error'));
    expect(huge).toMatchObject({ error: { code: 'INPUT_NOT_MEDIA' } });
    expect(fx.events.filter(about(fifo, 'detected'))).toEqual([]);
  });

  it('a temp file an encoder is still writing is not analyzed; the video it is renamed to is', async () => {
    const fx = await watchedProject(200);
    const target = path.join(fx.dir, 'test-output', 'login.mp4');
    const temp = `${target}.tmp.mp4`;
    const bytes = await readFile(video);
    const chunk = Math.ceil(bytes.length / 4);
    for (let i = 0; i < 4; i++) {
      await appendFile(temp, bytes.subarray(i * chunk, (i + 1) * chunk));
      await sleep(100);
    }
    // Long enough that the temp file would pass for finished by its size and time alone.
    await sleep(1000);
    await rename(temp, target);

    await fx.waitFor(about(target, 'verdict'));
    expect(fx.events.filter((e) => e.path === temp)).toEqual([]);
  });
});
