import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { VaiderError, type ErrorCode } from '../src/base/errors.js';
import { interactionsDirFor } from '../src/interactions/interaction-log.js';
import { probeVideo } from '../src/media/probe.js';
import { absurdPng, mp4WithoutFrames, truncatedMp4, unknownCodecMkv } from './helpers/broken-media.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
  await mkdir(path.join(dir, 'scratch'));
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
});
afterAll(async () => {
  await vaider.close();
  await cleanup();
});

async function codeOf(input: string): Promise<ErrorCode> {
  try {
    await vaider.analyze({ input });
  } catch (error) {
    expect(error).toBeInstanceOf(VaiderError);
    expect((error as VaiderError).message).not.toContain('\n');
    return (error as VaiderError).code;
  }
  throw new Error(`expected ${input} to fail`);
}

async function statusOf(input: string): Promise<{ state: string; last_error: { code: string } }> {
  return JSON.parse(await readFile(path.join(interactionsDirFor(input), 'status.json'), 'utf8'));
}

const scratch = (name: string) => path.join(dir, 'scratch', name);

describe('bad input gets a stable code and, where the file exists, a recorded error', () => {
  it('a missing path', async () => {
    expect(await codeOf(path.join(dir, 'nope.mp4'))).toBe('INPUT_NOT_FOUND');
  });

  it('a video gone between being found and being read: not found, not "not media"', async () => {
    const error = await probeVideo(path.join(dir, 'gone.mp4')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaiderError);
    expect((error as VaiderError).code).toBe('INPUT_NOT_FOUND');
  });

  it('a directory', async () => {
    expect(await codeOf(path.join(dir, 'scratch'))).toBe('INPUT_IS_DIRECTORY');
  });

  it('a zero-byte file', async () => {
    const file = path.join(dir, 'empty.mp4');
    await writeFile(file, '');
    expect(await codeOf(file)).toBe('INPUT_EMPTY');
    expect(await statusOf(file)).toMatchObject({ state: 'error', last_error: { code: 'INPUT_EMPTY' } });
  });

  it('a text file named .mp4', async () => {
    const file = path.join(dir, 'notes.mp4');
    await writeFile(file, 'these are not the frames you are looking for\n'.repeat(20));
    expect(await codeOf(file)).toBe('INPUT_NOT_MEDIA');
    expect((await statusOf(file)).last_error.code).toBe('INPUT_NOT_MEDIA');
  });

  it('a truncated mp4', async () => {
    const file = await truncatedMp4(path.join(dir, 'truncated.mp4'), scratch('t.mp4'));
    expect(await codeOf(file)).toBe('INPUT_CORRUPT');
  });

  it('an unsupported codec', async () => {
    const file = await unknownCodecMkv(path.join(dir, 'codec.mkv'), scratch('c.mkv'));
    expect(await codeOf(file)).toBe('UNSUPPORTED_CODEC');
  });

  it('a video with no decodable frames', async () => {
    const file = await mp4WithoutFrames(path.join(dir, 'noframes.mp4'), scratch('f.mp4'));
    expect(await codeOf(file)).toBe('NO_DECODABLE_FRAMES');
    expect((await statusOf(file)).last_error.code).toBe('NO_DECODABLE_FRAMES');
  });

  it('an image too large to decode', async () => {
    const file = await absurdPng(path.join(dir, 'huge.png'));
    expect(await codeOf(file)).toBe('INPUT_TOO_LARGE');
  });

  it('an unsupported file type', async () => {
    const file = path.join(dir, 'report.txt');
    await writeFile(file, 'hello');
    expect(await codeOf(file)).toBe('INPUT_NOT_MEDIA');
  });

  it('a path outside the allowed roots', async () => {
    const { dir: elsewhere, cleanup: done } = await scratchDir('vaider-outside-');
    const file = await makeVideo(path.join(elsewhere, 'x.mp4'), LOGIN_FLOW.slice(0, 1));
    expect(await codeOf(file)).toBe('PATH_OUTSIDE_ROOTS');
    // Whether a file outside the roots exists is not revealed either.
    expect(await codeOf(path.join(elsewhere, 'missing.mp4'))).toBe('PATH_OUTSIDE_ROOTS');
    // Nor does a symlink inside the roots lead out.
    const link = path.join(dir, 'link.mp4');
    await symlink(file, link);
    expect(await codeOf(link)).toBe('PATH_OUTSIDE_ROOTS');
    await done();
  });

  it('expectations past the caps, refused before any work, as they come and through the run service', async () => {
    const video = await makeVideo(path.join(dir, 'capped.mp4'), LOGIN_FLOW.slice(0, 1));
    const many = Array.from({ length: 20_000 }, (_, i) => `shows 'item ${i}'`);
    const huge = [`shows '${'x'.repeat(1_000_000)}'`];
    for (const analyze of [vaider.analyze, (request: { input: string; expectations: string[] }) => vaider.runs.analyze(request)]) {
      await expect(analyze({ input: video, expectations: many })).rejects.toMatchObject({ code: 'TOO_MANY_EXPECTATIONS', details: { count: 20_000, max: 100 } });
      await expect(analyze({ input: video, expectations: huge })).rejects.toMatchObject({ code: 'EXPECTATION_TOO_LONG', details: { index: 0 } });
    }
    // Nothing was analyzed, so nothing was written beside the video.
    await expect(readFile(path.join(interactionsDirFor(video), 'status.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('awkward but valid input', () => {
  it('a path with spaces, quotes and $(...) just works', async () => {
    const folder = path.join(dir, `it's a "test" $(touch pwned)`);
    await mkdir(folder);
    const file = await makeVideo(path.join(folder, 'login $(id).mp4'), LOGIN_FLOW.slice(0, 1));
    const result = await vaider.analyze({ input: file });
    expect(result.keyframes.length).toBeGreaterThan(0);
    expect(result.interactionsDir).toBe(path.join(interactionsDirFor(file), 'attempts', '001'));
  });

  it('caps absurd dimensions and duration, and says so', async () => {
    const capped = await openVaider(
      loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], limits: { max_dimension: 640, max_duration_seconds: 3 } } }),
    );
    try {
      const file = await makeVideo(path.join(dir, 'long.mp4'), LOGIN_FLOW);
      const result = await capped.analyze({ input: file });
      expect(result.warnings.join(' ')).toMatch(/scaled down to fit 640/);
      expect(result.warnings.join(' ')).toMatch(/first 3 s/);
      expect(result.keyframes[0]).toMatchObject({ width: 640, height: 360 });
      expect(Math.max(...result.keyframes.map((k) => k.time))).toBeLessThan(3);
    } finally {
      await capped.close();
    }
  });
});
