import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../src/media/run-process.js';
import { ratio, workDir } from './bench-utils.js';
import { askClockTicks, childrenCpuMs } from './cli-startup.bench.js';

const ROOT = path.join(import.meta.dirname, '..');
const SLOWEST = 10;

/** The parts of vitest's JSON report read here. */
export interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
  testResults: { name: string; startTime: number; endTime: number; status: string; assertionResults: unknown[] }[];
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

/** Workers vitest runs test files on: vitest.config.ts's maxWorkers, or the cores when it gives none. */
async function workers(): Promise<number> {
  // Imported here: run-all imports every benchmark, and the others need no vitest.
  const configured = (await import('../vitest.config.js')).default.test?.maxWorkers;
  if (typeof configured === 'number') return configured;
  return os.availableParallelism();
}

export interface SuiteRun {
  /** Wall time of `npx vitest run`, ms. */
  wall: number;
  /** The 1-minute load average when the suite started and ended. */
  load: [number, number];
  /** User+sys CPU of vitest, its workers and their children, ms; null where it cannot be read. */
  cpu: number | null;
  code: number | null;
  report: VitestReport;
}

/** Runs `npx vitest run` (with `args`, e.g. some test files) and reads its JSON report. */
export async function runSuite(args: string[] = []): Promise<SuiteRun> {
  await askClockTicks();
  const report = path.join(await workDir('suite-time'), 'vitest.json');
  await rm(report, { force: true });

  const loadBefore = os.loadavg()[0]!;
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = await runProcess('npx', ['vitest', 'run', ...args, '--reporter=json', `--outputFile=${report}`], { cwd: ROOT });
  const wall = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  try {
    const json = JSON.parse(await readFile(report, 'utf8')) as VitestReport;
    return { wall, load: [loadBefore, os.loadavg()[0]!], cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore, code: result.code, report: json };
  } catch {
    throw new Error(`npx vitest run exited ${result.code} without a JSON report: ${result.stderr.slice(-2000)}`);
  }
}

/** The suite's figures as markdown: against the best any schedule could do, and the slowest files. */
export async function suiteLines({ wall, load, cpu, code, report: json }: SuiteRun): Promise<string[]> {
  const files = json.testResults
    .map((file) => ({ name: path.relative(ROOT, file.name), time: Math.max(0, file.endTime - file.startTime), tests: file.assertionResults.length, status: file.status }))
    .sort((a, b) => b.time - a.time);
  const fileTime = files.reduce((sum, file) => sum + file.time, 0);
  const longest = files[0]?.time ?? 0;
  const n = await workers();
  // No schedule on n workers beats the longest file, nor the files' summed time spread evenly.
  const limit = Math.max(longest, fileTime / n);
  const cores = os.availableParallelism();

  return [
    '### Test suite: `npx vitest run`',
    '',
    `${json.numTotalTests} tests in ${files.length} files: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped, ${json.numTodoTests} todo; vitest exited ${code}${json.success ? '' : ' (failures)'}. ${n} workers on ${cores} cores; load average ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end.`,
    '',
    '| measure | time | vs the limit |',
    '|---|---|---|',
    `| the limit: longest file, or the files' summed time over ${n} workers | ${seconds(limit)} | 1.00× |`,
    `| the suite's wall time (start-up, collection, imports, tests) | ${seconds(wall)} | ${ratio(wall, limit)} |`,
    `| naive: every file's time one after another | ${seconds(fileTime)} | ${ratio(fileTime, limit)} |`,
    `| CPU time, user+sys of vitest and all its workers and children | ${cpu === null ? 'n/a' : seconds(cpu)} | ${cpu === null ? 'n/a' : `${(cpu / wall).toFixed(2)} cores busy on average`} |`,
    '',
    `The ${Math.min(SLOWEST, files.length)} slowest files (a file's time runs from its first test's start to its last test's end: imports and hooks before the first test are not in it):`,
    '',
    '| file | tests | time | share of the summed file time |',
    '|---|---|---|---|',
    ...files
      .slice(0, SLOWEST)
      .map((file) => `| \`${file.name}\`${file.status === 'passed' ? '' : ` (${file.status})`} | ${file.tests} | ${seconds(file.time)} | ${((100 * file.time) / fileTime).toFixed(1)} % |`),
    '',
  ];
}

/**
 * The whole test suite (`npx vitest run`) as a developer runs it: wall and CPU time, the test count,
 * and the slowest files. Takes minutes, so `npm run bench` runs it only when named: `npm run bench -- suite`.
 */
export async function suiteTimeBench(): Promise<string[]> {
  return suiteLines(await runSuite());
}
