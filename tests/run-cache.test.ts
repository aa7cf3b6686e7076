import { copyFile, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-run-cache-'));
  dir = await realpath(dir);
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
});
afterAll(async () => {
  await vaider.close();
  await cleanup();
});

describe('the run cache answers per path', () => {
  it('the same bytes at two paths make two runs, each with its own input path, the second reusing the first one’s work', async () => {
    await mkdir(path.join(dir, 'test-output'));
    const a = await makeVideo(path.join(dir, 'test-output', 'a.mp4'), LOGIN_FLOW.slice(0, 1), { width: 640, height: 360 });
    const b = path.join(dir, 'test-output', 'b.mp4');
    await copyFile(a, b);
    const expectations = ["shows 'Sign in to continue'"];

    const first = await vaider.runs.analyze({ input: a, expectations });
    const second = await vaider.runs.analyze({ input: b, expectations });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.run.id).not.toBe(first.run.id);
    expect(second.run).toMatchObject({ input: b, state: 'done', result: { input: b } });
    expect(first.run).toMatchObject({ input: a, result: { input: a } });
    // Nothing was analyzed again: the verdict and its evidence are the first run's.
    expect(second.run.result?.verdict).toEqual(first.run.result?.verdict);
    expect(second.run.result?.interactions_dir).toBe(first.run.result?.interactions_dir);

    // Each path is answered with its own run from then on.
    expect((await vaider.runs.analyze({ input: a, expectations })).run.id).toBe(first.run.id);
    expect((await vaider.runs.analyze({ input: b, expectations })).run.id).toBe(second.run.id);
    expect((await vaider.runs.get(second.run.id)).input).toBe(b);
  });
});
