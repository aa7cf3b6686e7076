import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { chromium } from 'playwright';
import { writeHtmlReport } from '../src/app/reports/html-report.js';
import { junitReport } from '../src/app/reports/junit-report.js';
import type { RunRecord } from '../src/app/runs/run-types.js';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../src/drivers/system-chromium.js';
import { ms, ratio, workDir } from './bench-utils.js';

const RUNS = 1000;
const KEYFRAMES = 6;

export async function keyframe(dir: string, i: number): Promise<string> {
  const file = path.join(dir, `frame-${i}.png`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect width="100%" height="100%" fill="#fff"/><text x="80" y="${120 + i * 60}" font-size="48" font-family="DejaVu Sans">Screen ${i + 1}: Sign in to continue</text></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
  return file;
}

/** A finished run of a 30 s test: six keyframes, three expectations, one failed with its evidence. */
export function syntheticRun(i: number, frames: string[], dir: string): RunRecord {
  const at = new Date(Date.UTC(2026, 11, 2, 10, 0, i)).toISOString();
  const results = ["shows 'Welcome, Alice'", "never shows 'Invalid password'", 'the button is blue'].map((expectation, k) => ({
    expectation,
    status: (['pass', 'fail', 'uncertain'] as const)[k]!,
    confidence: 0.9,
    explanation: `Explanation ${k} of run ${i}.`,
    evidence: { path: frames[k]!, time: k },
  }));
  const result = {
    duration_ms: 2500,
    interactions_dir: path.join(dir, `t${i}.webm.VaiderInteractions/attempts/001`),
    description: { summary: 'A login.', steps: frames.map((_, k) => ({ time: k * 5, text: `'Screen ${k + 1}' appeared.` })) },
    keyframes: frames.map((p, index) => ({ index, time: index * 5, path: p })),
    warnings: [],
    verdict: { status: 'mismatch', explanation: '1 of 3 failed.', results },
  } as unknown as RunRecord['result'];
  return { id: `run_${i}`, input: path.join(dir, `tests/t${i}.webm`), expectations: [], provider: 'local', requested_by: 'watcher', state: 'done', created_at: at, updated_at: at, cache_key: null, result, error: null };
}

async function sizeOf(dir: string, keep: (file: string) => boolean): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(entries.filter((e) => e.isFile() && keep(e.name)).map((e) => stat(path.join(e.parentPath, e.name)).then((s) => s.size)));
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * `vaider report` over 1,000 runs (twice the store's cap): the time to write it, its size beyond the
 * copied keyframes against inlining every image as base64 (the naive self-contained page), and how long
 * Chromium takes to open its index from disk (target: under 2 s).
 */
export async function reportBench(): Promise<string[]> {
  const dir = await workDir('report');
  const frames = await Promise.all(Array.from({ length: KEYFRAMES }, (_, i) => keyframe(dir, i)));
  const runs = Array.from({ length: RUNS }, (_, i) => syntheticRun(RUNS - i, frames, dir));
  const out = path.join(dir, 'vaider-report');
  await rm(out, { recursive: true, force: true });

  const started = performance.now();
  const report = await writeHtmlReport(runs, out, dir);
  const writeMs = performance.now() - started;
  const junitStarted = performance.now();
  const junit = junitReport(runs, { projectRoot: dir, allowUncertain: false });
  const junitMs = performance.now() - junitStarted;

  const pages = await sizeOf(out, (f) => f.endsWith('.html'));
  const thumbs = await sizeOf(out, (f) => f.endsWith('.thumb.png'));
  const copies = await sizeOf(out, (f) => f.endsWith('.png') && !f.endsWith('.thumb.png'));
  const inlined = Math.ceil((copies * 4) / 3) + pages;

  const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await page.goto(`file://${report.index}`, { waitUntil: 'load' });
    loads.push(performance.now() - t);
  }
  await browser.close();
  const openMs = loads.sort((a, b) => a - b)[1]!;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

  return [
    `### \`vaider report\`: ${RUNS} runs of a 30 s test, ${KEYFRAMES} keyframes each (1280×720)`,
    '',
    '| measure | value |',
    '|---|---|',
    `| write the HTML report (pages, keyframe copies, 320 px thumbnails) | ${ms(writeMs)} (${ms(writeMs / RUNS)} a run) |`,
    `| build the JUnit XML | ${ms(junitMs)} (${(junit.xml.length / 2 ** 10).toFixed(0)} KiB) |`,
    `| Chromium opens index.html from disk (median of 3) | ${ms(openMs)}; target under 2 s: ${openMs < 2000 ? '✓' : '✗'} |`,
    `| pages + thumbnails, beyond the keyframes | ${mb(pages + thumbs)}, ${((pages + thumbs) / RUNS / 0.5 / 2 ** 20).toFixed(2)} MB per test-minute (budget 1 MB) |`,
    `| keyframe copies | ${mb(copies)} |`,
    `| naive: every image inlined as base64 in its page | ${mb(inlined)} (${ratio(inlined, pages + thumbs + copies)} the report) |`,
    '',
  ];
}
