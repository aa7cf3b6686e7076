import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo, scratchDir, WELCOME_SCREEN, LOGIN_SCREEN } from './helpers/media-fixtures.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-serve-'));
});
afterAll(() => cleanup());

function ffmpegProcessesFor(file: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('ffmpeg') && line.includes(file));
}

describe('vaider serve', () => {
  it('on SIGTERM mid-analysis closes, kills its ffmpeg and exits 0', async () => {
    const video = await makeVideo(path.join(dir, 'long.mp4'), [
      { screen: LOGIN_SCREEN, start: 0, end: 20 },
      { screen: WELCOME_SCREEN, start: 20, end: 40 },
    ]);
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--root', dir], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await expect.poll(() => /REST: (http:\/\/\S+)\/v1\/health/.exec(stderr)?.[1], { timeout: 15_000 }).toBeTruthy();
    const url = /REST: (http:\/\/\S+)\/v1\/health/.exec(stderr)![1]!;
    const analysis = fetch(`${url}/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: video }),
    }).catch(() => undefined);
    const latestState = async () => ((await (await fetch(`${url}/v1/runs`)).json()) as { runs: Array<{ state: string }> }).runs[0]?.state;
    await expect.poll(latestState, { timeout: 15_000 }).toBe('analyzing');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await analysis;
    expect(ffmpegProcessesFor(video)).toEqual([]);
    expect(stderr).toMatch(/SIGTERM: closing sessions/);
  });
});
