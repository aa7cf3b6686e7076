import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { fingerprintFile, FULL_HASH_LIMIT } from '../src/base/file-fingerprint.js';
import { fileHash } from '../src/base/file-hash.js';
import { VaiderError } from '../src/base/errors.js';
import { loadConfig } from '../src/config/load-config.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';
import { startServerFixture } from './helpers/server-fixture.js';
import { makeFifo, makeSparseFile, releaseFifoReaders } from './helpers/special-files.js';

const SIXTEEN_GB = 16 * 1024 ** 3;

let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-input-safety-'));
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
});
afterAll(async () => {
  await vaider.close();
  await cleanup();
});

async function failure(pending: Promise<unknown>): Promise<VaiderError> {
  const error = await pending.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(VaiderError);
  return error as VaiderError;
}

describe('only regular files are analyzed', () => {
  it('four named pipes do not stop a server-side analysis', async () => {
    const fx = await startServerFixture();
    const fifos = await Promise.all([1, 2, 3, 4].map((i) => makeFifo(path.join(fx.dir, 'test-output', `pipe-${i}.mp4`))));
    onTestFinished(async () => {
      fifos.forEach(releaseFifoReaders);
      await fx.close();
    });
    const analyze = (file: string) =>
      fetch(`${fx.server.url}/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: path.relative(fx.dir, file) }),
      }).then(async (res) => ({ status: res.status, body: await res.json() }));

    const piped = fifos.map(analyze);
    const video = await analyze(fx.video);
    expect(video).toMatchObject({ status: 200, body: { media: { kind: 'video' } } });
    for (const answer of await Promise.all(piped)) {
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INPUT_NOT_REGULAR' } } });
    }
  });

  it('a named pipe is refused by name, before anything is recorded for it', async () => {
    const fifo = await makeFifo(path.join(dir, 'pipe.mp4'));
    onTestFinished(() => releaseFifoReaders(fifo));
    const error = await failure(vaider.analyze({ input: fifo }));
    expect(error.code).toBe('INPUT_NOT_REGULAR');
    expect(error.message).toMatch(/named pipe/);
  });

  it('a 2-byte .mp4 is INPUT_CORRUPT', async () => {
    const file = path.join(dir, 'two-bytes.mp4');
    await writeFile(file, Buffer.from([0x00, 0x00]));
    expect((await failure(vaider.analyze({ input: file }))).code).toBe('INPUT_CORRUPT');
    expect((await failure(vaider.runs.analyze({ input: file }))).code).toBe('INPUT_CORRUPT');
  });
});

describe('fingerprints read a bounded part of a large file', () => {
  it('a 16 GB sparse file is fingerprinted by samples, and a changed sampled block changes it', async () => {
    const big = await makeSparseFile(path.join(dir, 'big.bin'), SIXTEEN_GB);
    const first = await fingerprintFile(big);
    expect(first.digest).toMatch(/^sampled:[0-9a-f]{64}$/);

    const other = await makeSparseFile(path.join(dir, 'other.bin'), SIXTEEN_GB);
    expect((await fingerprintFile(other)).digest).toBe(first.digest);
    await writeFile(other, 'x', { flag: 'r+' });
    expect((await fingerprintFile(other)).digest).not.toBe(first.digest);
  });

  it('a file up to the limit is fingerprinted by its full content hash', async () => {
    const video = await makeVideo(path.join(dir, 'short.mp4'), LOGIN_FLOW.slice(0, 1), { width: 320, height: 240 });
    expect(FULL_HASH_LIMIT).toBeGreaterThan(1024 * 1024);
    expect((await fingerprintFile(video)).digest).toBe(await fileHash(video));
  });

  it('an earlier fingerprint is reused while the file is unchanged, and not once it changes', async () => {
    const file = path.join(dir, 'known.bin');
    await writeFile(file, 'first');
    const known = await fingerprintFile(file);
    // A forged digest shows whether the file was read again.
    const forged = { ...known, digest: 'forged' };
    expect((await fingerprintFile(file, { known: forged })).digest).toBe('forged');
    await writeFile(file, 'other');
    expect((await fingerprintFile(file, { known: forged })).digest).toBe(await fileHash(file));
  });

  it('a caller that already hung up stops a run before its input is read, and no run is recorded', async () => {
    const big = await makeSparseFile(path.join(dir, 'hung-up.mp4'), SIXTEEN_GB);
    const before = (await vaider.runs.list({ limit: 500 })).length;
    const hungUp = AbortSignal.abort(new Error('the client went away'));
    expect((await failure(vaider.runs.analyze({ input: big, signal: hungUp }))).code).toBe('CANCELLED');
    expect(await vaider.runs.list({ limit: 500 })).toHaveLength(before);
  });
});
