import { spawn } from 'node:child_process';
import { appendFile, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../src/app/watch/job-store.js';
import { runProcess } from '../src/media/run-process.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-daemon-'));
});
afterAll(() => cleanup());

async function jobs(): Promise<Job[]> {
  try {
    return (JSON.parse(await readFile(path.join(dir, '.vaider', 'jobs.json'), 'utf8')) as { jobs: Job[] }).jobs;
  } catch {
    return [];
  }
}

async function attemptsOf(video: string): Promise<number> {
  return JSON.parse(await readFile(`${video}.VaiderInteractions/status.json`, 'utf8')).attempts.total;
}

describe('the watch daemon', () => {
  it('killed with -9 mid-analysis resumes on the next start, without redoing finished work', async () => {
    await writeFile(path.join(dir, 'VaiderRules.json'), JSON.stringify({ max_concurrent_analyses: 1, on_mismatch: 'ignore' }));
    // Long enough that an analysis takes a second or so: a wide window to kill it in.
    const source = await makeVideo(
      path.join(dir, 'source.mp4'),
      Array.from({ length: 6 }, (_, i) => ({ ...LOGIN_FLOW[i % 3]!, start: i * 5, end: (i + 1) * 5 })),
    );
    const videos: string[] = [];
    await mkdir(path.join(dir, 'test-output'));
    for (let i = 0; i < 4; i++) {
      const video = path.join(dir, 'test-output', `run-${i}.mp4`);
      await copyFile(source, video);
      await appendFile(video, `distinct ${i}`);
      videos.push(video);
    }

    const daemon = spawn(process.execPath, [BIN, 'watch'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise((resolve) => daemon.on('exit', resolve));
    await expect
      .poll(async () => {
        const all = await jobs();
        return all.some((j) => j.state === 'done') && all.some((j) => j.state === 'running');
      }, { timeout: 45_000, interval: 20 })
      .toBe(true);
    daemon.kill('SIGKILL');
    await exited;

    const before = await jobs();
    const doneBefore = before.filter((j) => j.state === 'done').map((j) => j.path);
    expect(doneBefore.length).toBeGreaterThan(0);
    expect(before.some((j) => j.state === 'running')).toBe(true);

    const once = await runProcess(process.execPath, [BIN, 'watch', '--once', '--json'], { cwd: dir });
    expect(once.code, once.stderr).toBe(0);
    const after = await jobs();
    expect(after).toHaveLength(4);
    expect(after.every((j) => j.state === 'done')).toBe(true);
    for (const video of doneBefore) expect(await attemptsOf(video), video).toBe(1);
    expect(once.stderr).toMatch(/4 files: 4 matched, uncertain or described/);
    // --json: each file where it ended, for CI to read.
    const report = JSON.parse(once.stdout.toString('utf8'));
    expect(report).toMatchObject({ files: 4, ok: 4, mismatches: 0, errors: 0, exit_code: 0 });
    expect(report.results.map((r: { path: string }) => r.path).sort()).toEqual(after.map((j) => j.path).sort());
    expect(report.results.every((r: { state: string; run_id: string | null }) => r.state === 'done' && r.run_id?.startsWith('run_'))).toBe(true);
  });
});
