import { existsSync, readFileSync } from 'node:fs';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshBuild } from '../bin/fresh-build.js';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig, RULES_FILE_NAME } from '../src/config/load-config.js';
import { runProcess, type ProcessResult } from '../src/media/run-process.js';
import { ms, ratio, WORK_DIR, workDir } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

const ROOT = path.join(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'vaider.js');
/** Odd, so the median is a measured run. The quick commands are noisy on a shared machine, so more of them. */
const QUICK_RUNS = 9;
const ANALYZE_RUNS = 3;
const HELP_TARGET_MS = 150;
const ANALYZE_OVERHEAD_TARGET_MS = 500;

/** Clock ticks per second of /proc/self/stat, asked once (`getconf CLK_TCK`; 100 on Linux). */
let clockTicks: number | undefined;

/**
 * CPU time (user+sys, ms) of the children of this process that have ended, including what their own
 * ended children used (ffmpeg under the CLI): the `cutime`+`cstime` of /proc/self/stat, 10 ms steps.
 * Null where there is no /proc (macOS, Windows).
 */
export function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the command name in parentheses: field 3 (state) onwards; cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / (clockTicks ?? 100);
  } catch {
    return null;
  }
}

export async function askClockTicks(): Promise<void> {
  const result = await runProcess('getconf', ['CLK_TCK']).catch(() => undefined);
  const ticks = Number(result?.stdout.toString().trim());
  clockTicks = Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
}

/** This process's own CPU (all its threads: OCR workers too) plus its ended children's (ffmpeg), in ms. */
function allCpuMs(): number | null {
  const children = childrenCpuMs();
  if (children === null) return null;
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + children;
}

export interface Cost {
  wall: number;
  /** Null where CPU time cannot be read. */
  cpu: number | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Medians of wall and CPU time over `runs` runs, after one warm-up run; each median on its own. */
export async function measure(runs: number, cpuNow: () => number | null, task: () => Promise<void>): Promise<Cost> {
  await task();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuBefore = cpuNow();
    const start = performance.now();
    await task();
    walls.push(performance.now() - start);
    const cpuAfter = cpuNow();
    if (cpuBefore !== null && cpuAfter !== null) cpus.push(cpuAfter - cpuBefore);
  }
  return { wall: median(walls), cpu: cpus.length === runs ? median(cpus) : null };
}

function node(args: string[], cwd: string, accept: (result: ProcessResult) => boolean = (r) => r.code === 0): () => Promise<void> {
  return async () => {
    const result = await runProcess(process.execPath, args, { cwd });
    if (!accept(result)) throw new Error(`node ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-2000)}`);
  };
}

function cpuText(cpu: number | null): string {
  return cpu === null ? 'n/a' : ms(cpu);
}

function cpuRatio(cpu: number | null, base: number | null): string {
  return cpu === null || base === null ? 'n/a' : ratio(cpu, base);
}

function target(value: number | null, limit: number): string {
  if (value === null) return 'n/a';
  return value < limit ? '✓' : `✗ (+${ms(value - limit)})`;
}

/** Which code `node bin/vaider.js` ran, from bin/fresh-build.js before and after the measurements. */
function measuredBuild(before: boolean, after: boolean): string {
  if (before && after) return 'the compiled dist/ (up to date with src/)';
  if (!before && !after) return 'src/ through tsx: dist/ is older than src/ (`npm run build` first to measure the compiled CLI)';
  return 'a mix of dist/ and src/ through tsx: src/ or dist/ changed while the benchmark ran; run it again';
}

/**
 * An ES module that loads Vaider the way bin/vaider.js would run it (dist/ when fresh, else src/
 * through tsx), then exits: `all` imports every command module up front, `ocr-workers N` starts and
 * stops N tesseract workers, anything else names command modules to import.
 */
function importRunner(): string {
  return `import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshBuild } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'bin', 'fresh-build.js')).href)};
const root = ${JSON.stringify(ROOT)};
const compiled = freshBuild(root);
if (!compiled) (await import('tsx/esm/api')).register();
const ext = compiled ? '.js' : '.ts';
const load = (...parts) => import(pathToFileURL(path.join(root, compiled ? 'dist' : 'src', ...parts)).href);
const [first, ...rest] = process.argv.slice(2);
if (first === 'ocr-workers') {
  const { startOcrWorker } = await load('vision', 'ocr', 'tesseract-worker' + ext);
  const workers = await Promise.all(Array.from({ length: Number(rest[0]) }, () => startOcrWorker()));
  await Promise.all(workers.map((worker) => worker.terminate()));
} else {
  const dir = path.join(root, compiled ? 'dist' : 'src', 'cli');
  const files = first === 'all' ? readdirSync(dir).filter((f) => f.endsWith('-command' + ext)) : [first, ...rest].map((name) => name + ext);
  for (const file of files) await load('cli', file);
}
`;
}

/** bin/vaider.js's other branch, whatever dist/ holds: the source through tsx. */
function tsxRunner(): string {
  return `const { register } = await import('tsx/esm/api');
register();
await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src', 'cli', 'main.ts')).href)});
`;
}

const IMPORT_LINE = /^\s*(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gms;

/** The third-party packages a source file's static imports reach (dynamic `import()`s are not followed). */
async function staticPackages(entry: string): Promise<string[]> {
  const seen = new Set([entry]);
  const queue = [entry];
  const packages = new Set<string>();
  const builtins = new Set(builtinModules);
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const match of (await readFile(file, 'utf8')).matchAll(IMPORT_LINE)) {
      const spec = (match[1] ?? match[2])!;
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
        if (!seen.has(target) && existsSync(target)) {
          seen.add(target);
          queue.push(target);
        }
      } else if (!spec.startsWith('node:') && !builtins.has(spec)) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
  }
  return [...packages].sort();
}

/**
 * Start-up of the CLI as a user runs it (`node bin/vaider.js …`, a fresh process each time), in wall
 * and CPU time: against Node's own start-up for the quick commands, and against the same analysis in
 * a warm in-process Vaider for `vaider analyze`. Run in a project of its own under bench/.work, so a
 * `vaider serve` in this repository and its run store play no part.
 */
export async function cliStartupBench(): Promise<string[]> {
  await askClockTicks();
  // Afresh each time: no runs recorded by an earlier benchmark, no attempts beside the clip.
  await rm(path.join(WORK_DIR, 'cli-startup'), { recursive: true, force: true });
  const project = await workDir('cli-startup');
  // This repository's rules, so the analysis is the one bench/analyze.bench.ts measures.
  const rules = JSON.parse(await readFile(path.join(ROOT, RULES_FILE_NAME), 'utf8')) as Record<string, unknown>;
  delete rules.$schema;
  await writeFile(path.join(project, RULES_FILE_NAME), `${JSON.stringify(rules, null, 2)}\n`);
  const clip = await benchVideo(10, 4);
  const input = path.join(project, path.basename(clip.file));
  await copyFile(clip.file, input);
  const importer = path.join(project, 'import-commands.mjs');
  await writeFile(importer, importRunner());
  const viaTsx = path.join(project, 'vaider-through-tsx.mjs');
  await writeFile(viaTsx, tsxRunner());

  const loadBefore = os.loadavg()[0]!;
  const builtBefore = freshBuild(ROOT);
  const floor = await measure(QUICK_RUNS, childrenCpuMs, node(['-e', '0'], project));
  const quick = [
    { label: '`vaider --version`', cost: await measure(QUICK_RUNS, childrenCpuMs, node([BIN, '--version'], project)) },
    { label: '`vaider help`', cost: await measure(QUICK_RUNS, childrenCpuMs, node([BIN, 'help'], project)) },
    { label: '`vaider analyze --help`', cost: await measure(QUICK_RUNS, childrenCpuMs, node([BIN, 'analyze', '--help'], project)) },
  ];
  const eager = await measure(QUICK_RUNS, childrenCpuMs, node([importer, 'all'], project));
  const tsx = await measure(QUICK_RUNS, childrenCpuMs, node([viaTsx, '--version'], project));
  const analyzeImports = await measure(QUICK_RUNS, childrenCpuMs, node([importer, 'analyze-command'], project));
  // What each CLI analysis starts and a warm server keeps: the OCR engine's workers (ocr-engine.ts's
  // default count), in a fresh process like the CLI's, over the same process that starts none.
  const ocrWorkers = loadConfig({ cwd: project }).rules.vision.local.ocr_workers ?? Math.min(2, os.availableParallelism());
  const noWorkers = await measure(QUICK_RUNS, childrenCpuMs, node([importer, 'ocr-workers', '0'], project));
  const withWorkers = await measure(QUICK_RUNS, childrenCpuMs, node([importer, 'ocr-workers', String(ocrWorkers)], project));
  const workerStart: Cost = {
    wall: withWorkers.wall - noWorkers.wall,
    cpu: withWorkers.cpu === null || noWorkers.cpu === null ? null : withWorkers.cpu - noWorkers.cpu,
  };

  let answer: { exit_code?: number; cached?: boolean; run_id?: string | null; not_recorded?: string } = {};
  const cli = await measure(
    ANALYZE_RUNS,
    childrenCpuMs,
    node([BIN, 'analyze', input, '--json', '--no-cache', '--no-server'], project, (result) => {
      try {
        answer = JSON.parse(result.stdout.toString('utf8')) as typeof answer;
      } catch {
        return false;
      }
      return answer.exit_code === result.code && !answer.cached;
    }),
  );
  const builtAfter = freshBuild(ROOT);
  const loadAfter = os.loadavg()[0]!;

  const vaider = await openVaider(loadConfig({ cwd: project }));
  let inProcess: Cost;
  try {
    inProcess = await measure(ANALYZE_RUNS, allCpuMs, async () => {
      const { cached } = await vaider.runs.analyze({ input, noCache: true, requestedBy: 'bench' });
      if (cached) throw new Error('answered from the run cache despite noCache');
    });
  } finally {
    await vaider.close();
  }

  const overheadWall = cli.wall - inProcess.wall;
  const overheadCpu = cli.cpu === null || inProcess.cpu === null ? null : cli.cpu - inProcess.cpu;
  const importCpu = analyzeImports.cpu === null || floor.cpu === null ? null : analyzeImports.cpu - floor.cpu;
  const restCpu = overheadCpu === null || importCpu === null || workerStart.cpu === null ? null : overheadCpu - importCpu - workerStart.cpu;
  const startupCpu = (cost: Cost) => (cost.cpu === null || floor.cpu === null ? null : cost.cpu - floor.cpu);

  const mainPackages = await staticPackages(path.join(ROOT, 'src', 'cli', 'main.ts'));
  const analyzePackages = await staticPackages(path.join(ROOT, 'src', 'cli', 'analyze-command.ts'));
  const packageCosts: { name: string; cpu: number | null; wall: number }[] = [];
  for (const name of analyzePackages) {
    const cost = await measure(3, childrenCpuMs, node(['--input-type=module', '-e', `await import(${JSON.stringify(name)})`], ROOT));
    packageCosts.push({ name, cpu: cost.cpu === null || floor.cpu === null ? null : cost.cpu - floor.cpu, wall: cost.wall - floor.wall });
  }
  packageCosts.sort((a, b) => (b.cpu ?? b.wall) - (a.cpu ?? a.wall));

  return [
    '### CLI start-up: `node bin/vaider.js …` from the shell, a fresh process each time',
    '',
    `Measured: ${measuredBuild(builtBefore, builtAfter)}. Medians of ${QUICK_RUNS} runs (analyze: ${ANALYZE_RUNS}) after a warm-up; CPU = user+sys of the process and its children (from /proc, in 10 ms steps). Load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${os.availableParallelism()} cores: wall times grow with it, CPU times far less.`,
    '',
    '| command | wall | CPU | CPU over `node -e 0` | CPU vs `node -e 0` | target < 150 ms (wall, CPU) |',
    '|---|---|---|---|---|---|',
    `| \`node -e 0\`, Node's own start-up: the limit | ${ms(floor.wall)} | ${cpuText(floor.cpu)} | – | 1.00× | |`,
    ...quick.map(
      ({ label, cost }) =>
        `| ${label} | ${ms(cost.wall)} | ${cpuText(cost.cpu)} | ${cpuText(startupCpu(cost))} | ${cpuRatio(cost.cpu, floor.cpu)} | ${target(cost.wall, HELP_TARGET_MS)}, ${target(cost.cpu, HELP_TARGET_MS)} |`,
    ),
    `| naive: every command module imported up front (main.ts without lazy imports) | ${ms(eager.wall)} | ${cpuText(eager.cpu)} | ${cpuText(startupCpu(eager))} | ${cpuRatio(eager.cpu, floor.cpu)} | |`,
    `| \`vaider --version\` from src/ through tsx (what bin/vaider.js runs when dist/ is stale) | ${ms(tsx.wall)} | ${cpuText(tsx.cpu)} | ${cpuText(startupCpu(tsx))} | ${cpuRatio(tsx.cpu, floor.cpu)} | |`,
    '',
    `Third-party packages main.ts loads before any command runs: ${mainPackages.map((p) => `\`${p}\``).join(', ') || 'none'}.`,
    '',
    '### `vaider analyze <10 s clip> --json --no-cache --no-server`: the CLI against the same analysis in-process',
    '',
    '| measure | wall | CPU | CPU vs in-process |',
    '|---|---|---|---|',
    `| \`runs.analyze({ noCache })\` in a warm \`openVaider\` (workers up): the limit | ${ms(inProcess.wall)} | ${cpuText(inProcess.cpu)} | 1.00× |`,
    `| \`vaider analyze … --json --no-cache --no-server\` from the shell | ${ms(cli.wall)} | ${cpuText(cli.cpu)} | ${cpuRatio(cli.cpu, inProcess.cpu)} |`,
    `| start-up overhead: CLI − in-process (target: CPU < ${ANALYZE_OVERHEAD_TARGET_MS} ms ${target(overheadCpu, ANALYZE_OVERHEAD_TARGET_MS)}) | ${ms(overheadWall)} | ${cpuText(overheadCpu)} | |`,
    `| of which loading analyze's modules (import only, over \`node -e 0\`) | ${ms(analyzeImports.wall - floor.wall)} | ${cpuText(importCpu)} | |`,
    `| of which starting (and stopping) ${ocrWorkers} tesseract workers in a fresh process | ${ms(workerStart.wall)} | ${cpuText(workerStart.cpu)} | |`,
    `| the rest: the first analysis of a process running cold code (JIT, wasm tier-up), process exit | ${ms(overheadWall - (analyzeImports.wall - floor.wall) - workerStart.wall)} | ${cpuText(restCpu)} | |`,
    '',
    `CLI exit code ${answer.exit_code ?? 'n/a'}, run ${answer.run_id ?? `not recorded (${answer.not_recorded ?? 'no reason given'})`}.`,
    '',
    `Third-party packages in \`vaider analyze\`'s static imports, each imported alone (CPU over \`node -e 0\`, median of 3; shared dependencies count in each): ${packageCosts
      .map(({ name, cpu, wall }) => `\`${name}\` ${cpu === null ? `${ms(wall)} wall` : ms(cpu)}`)
      .join(', ')}.`,
    '',
  ];
}
