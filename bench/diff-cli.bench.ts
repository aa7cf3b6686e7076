import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { freshBuild } from '../bin/fresh-build.js';
import { runProcess } from '../src/media/run-process.js';
import { WORK_DIR, ms, ratio, workDir } from './bench-utils.js';
import { askClockTicks, childrenCpuMs, measure, type Cost } from './cli-startup.bench.js';
import { writeScreens } from './drift.bench.js';

const ROOT = path.join(import.meta.dirname, '..');
const RUNS = 5;

const ODIFF = 'odiff-bin@4.5.0';

/**
 * odiff's own binary, installed from the npm registry into the bench's work folder on first use. It is
 * not a dev dependency: its lock entries name platform packages that not every registry mirror carries,
 * and `npm ci` refuses a lock file without them.
 */
async function odiffBinary(): Promise<string> {
  const prefix = path.join(WORK_DIR, 'tools');
  const binary = path.join(prefix, 'node_modules', 'odiff-bin', 'bin', 'odiff');
  if (!existsSync(binary)) {
    const install = await runProcess('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', ODIFF]);
    if (install.code !== 0) throw new Error(`npm install ${ODIFF} failed: ${install.stderr.slice(-1000)}`);
  }
  return binary;
}

/** Runs a command `RUNS` times; exit codes 0..22 are answers (a diff found is not a failure). */
function timed(command: string, args: string[], cwd: string): Promise<Cost> {
  return measure(RUNS, childrenCpuMs, async () => {
    const result = await runProcess(command, args, { cwd });
    if (result.code === null || result.code > 22) throw new Error(`${command} exited ${result.code}: ${result.stderr.slice(-1000)}`);
  });
}

const row = (what: string, cost: Cost, base: Cost) =>
  `| ${what} | ${ms(cost.wall)} | ${cost.cpu === null ? 'n/a' : ms(cost.cpu)} | ${ratio(cost.wall, base.wall)} |`;

/**
 * `vaider diff` of two 1080p PNGs from the shell against odiff's command line (a native image differ
 * and the naive baseline the issue names): equal screens, where the answer needs no OCR, and screens
 * with a new error banner, where the severity needs the text of both.
 */
export async function diffCliBench(): Promise<string[]> {
  await askClockTicks();
  const { baseline, current } = await writeScreens();
  const dir = await workDir('diff-cli');
  const same = path.join(dir, 'same-1080p.png');
  await copyFile(baseline, same);
  const vaider = (a: string, b: string) => timed(process.execPath, [path.join(ROOT, 'bin', 'vaider.js'), 'diff', a, b, '--json', '--root', path.dirname(a), '--root', dir], dir);
  const odiffPath = await odiffBinary();
  const odiff = (a: string, b: string) => timed(odiffPath, [a, b, path.join(dir, 'odiff-diff.png')], dir);

  const odiffSame = await odiff(baseline, same);
  const vaiderSame = await vaider(baseline, same);
  const odiffChanged = await odiff(baseline, current);
  const vaiderChanged = await vaider(baseline, current);
  return [
    '### `vaider diff` from the shell: two 1920×1080 PNGs, against odiff 4.5 (odiff-bin)',
    '',
    `Measured ${freshBuild(ROOT) ? 'the compiled dist/' : 'src/ through tsx (dist/ is stale: `npm run build` first)'}; medians of ${RUNS} runs after a warm-up; CPU includes children.`,
    '',
    '| command | wall | CPU | wall vs odiff |',
    '|---|---|---|---|',
    row('odiff, equal screens (the limit)', odiffSame, odiffSame),
    row('`vaider diff`, equal screens (no pixel changed: no OCR)', vaiderSame, odiffSame),
    row('odiff, an error banner added', odiffChanged, odiffChanged),
    row('`vaider diff`, an error banner added (OCR of both for the severity)', vaiderChanged, odiffChanged),
    '',
    `Target: equal screens within 3× odiff's time: ${vaiderSame.wall <= 3 * odiffSame.wall ? '✓' : '✗'} (${ratio(vaiderSame.wall, odiffSame.wall)}).`,
    '',
  ];
}
