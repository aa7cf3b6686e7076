import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../src/app/reports/html-report.js';
import type { RunRecord } from '../src/app/runs/run-types.js';
import { LOGIN_SCREEN, makeScreenshot, scratchDir } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let frame: string;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-html-report-'));
  frame = await makeScreenshot(path.join(dir, 'frame.png'), LOGIN_SCREEN);
});
afterAll(() => cleanup());

const HOSTILE = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;

function run(id: string, input: string, patch: Partial<RunRecord>): RunRecord {
  const at = '2026-12-02T10:00:00Z';
  return { id, input: path.join(dir, input), expectations: [], provider: 'local', requested_by: 'cli', state: 'done', created_at: at, updated_at: at, cache_key: null, result: null, error: null, ...patch };
}

const result = (keyframes: string[]) =>
  ({
    duration_ms: 1500,
    interactions_dir: path.join(dir, 'x.VaiderInteractions/attempts/001'),
    description: { summary: 'A login page.', steps: [{ time: 0.3, text: `'${HOSTILE}' appeared.` }] },
    keyframes: keyframes.map((p, index) => ({ index, time: index, path: p })),
    warnings: [],
    verdict: {
      status: 'mismatch',
      explanation: '1 of 1 failed.',
      results: [{ expectation: `shows '${HOSTILE}'`, status: 'fail', confidence: 0.9, explanation: 'Not on screen.', evidence: { path: keyframes[0], time: 0 } }],
    },
  }) as unknown as RunRecord['result'];

describe('the HTML report', () => {
  it('lists each input once, and gives each run a page with its verdict, evidence and keyframes as image files', async () => {
    const out = path.join(dir, 'report');
    const report = await writeHtmlReport(
      [
        run('run_2', 'test-output/login.mp4', { result: result([frame, path.join(dir, 'gone.png')]) }),
        run('run_1', 'test-output/login.mp4', { result: result([frame]) }),
        run('run_0', 'test-output/broken.mp4', { state: 'error', error: { code: 'INPUT_CORRUPT', message: 'Cut off.' } }),
      ],
      out,
      dir,
    );
    expect(report).toMatchObject({ runs: 2, images: 1 });
    const index = await readFile(report.index, 'utf8');
    expect(index).toContain('<a href="runs/run_2.html">test-output/login.mp4</a>');
    expect(index).toContain('<a href="runs/run_0.html">test-output/broken.mp4</a>');
    expect(index).not.toContain('run_1');

    const page = await readFile(path.join(out, 'runs', 'run_2.html'), 'utf8');
    expect(page).toContain('<img class="evidence" src="../img/run_2/keyframe-01.thumb.png" alt="evidence">');
    expect(existsSync(path.join(out, 'img', 'run_2', 'keyframe-01.png'))).toBe(true);
    expect(existsSync(path.join(out, 'img', 'run_2', 'keyframe-01.thumb.png'))).toBe(true);
    expect(page).toContain('replaced by a later analysis');
    expect(await readFile(path.join(out, 'runs', 'run_0.html'), 'utf8')).toContain('INPUT_CORRUPT: Cut off.');
  });

  it('prints screen text as text: no markup or script from the screen, and a policy that runs none', async () => {
    const out = path.join(dir, 'hostile');
    await writeHtmlReport([run('run_9', 'x.mp4', { result: result([frame]) })], out, dir);
    const page = await readFile(path.join(out, 'runs', 'run_9.html'), 'utf8');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });
});
