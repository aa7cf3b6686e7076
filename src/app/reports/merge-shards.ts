import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../../base/allowed-roots.js';
import { VaiderError } from '../../base/errors.js';
import { RULES_FILE_NAME } from '../../config/load-config.js';
import { defaultRules } from '../../config/schema.js';
import { interactionsDirFor } from '../../interactions/interaction-log.js';
import { LEGACY_RUNS_FILE, MAX_RUNS, readRunStore, RUNS_DIR } from '../runs/run-store.js';
import { runStatus, type RunStatusWord } from '../runs/run-status.js';
import type { RunRecord } from '../runs/run-types.js';
import { latestRuns } from './junit-report.js';

/**
 * Merging the run stores that separate CI shards left (as Playwright's merge-reports merges blob
 * reports): each shard is a folder copied from another machine, so its runs name files by the paths
 * they had there. A path is read under the shard's folder instead, by this rule:
 *
 * - The shard's *recorded root* is found from a run's own files: the longest tail of the recorded path
 *   of its `<input>.VaiderInteractions` folder (else of its input) that exists under the folder given.
 *   What precedes that tail is where the project stood on the machine that ran it, e.g.
 *   `/home/runner/work/app/app/` for `…/app/test-output/login.png.VaiderInteractions` when
 *   `test-output/login.png.VaiderInteractions` exists under the folder given.
 * - Every path the run recorded under that root (input, keyframes, evidence, interactions folder) is
 *   then read at the same relative place under the folder given. The root found for one run is tried
 *   first for the next, so a shard normally has one.
 * - A run whose files are found nowhere under the folder takes a root found for another run of the
 *   shard when its input lies under it; otherwise it keeps its recorded paths. The report reads frames
 *   only inside the folders given and the allowed roots (checked when it copies one).
 */

/** A shard as given: where its store is, and the folder its files are looked for in. */
interface ShardSource {
  /** As given, absolute. */
  dir: string;
  /** Its real path: recorded paths are read under it. */
  base: string;
  store: string;
  /** `project`: a project folder holding its store; `store`: the store folder itself. */
  form: 'project' | 'store';
}

export interface ShardSummary {
  /** The folder as given, absolute. */
  dir: string;
  /** The store read. */
  store: string;
  form: 'project' | 'store';
  /** Run records in the store, in every state. */
  runs: number;
  /** Inputs with a finished run in the shard: its latest run of each. */
  inputs: number;
  /** Of them, in the merged report. */
  reported: number;
  /** Of them, replaced by a newer run of the same input from another shard. */
  superseded: number;
  /** Queued or analysing when the shard's store was copied: left out. */
  unfinished: number;
  /** Where the runs were recorded, when not the folder given; their paths are read under it instead. */
  recorded_roots: string[];
  /** Runs whose files were found nowhere under the folder. */
  unlocated: number;
}

export interface MergedShards {
  shards: ShardSummary[];
  /** One run per input, newest first, its paths under its shard's folder. */
  runs: RunRecord[];
  /** The folders runs' files are read from (real paths of the folders given): what names are relative to. */
  bases: string[];
  /** Run records read from every store. */
  read: number;
  /** Shards' latest runs replaced by a newer run of the same input from another shard. */
  superseded: number;
  statuses: Partial<Record<RunStatusWord, number>>;
}

const holdsRuns = (folder: string) => existsSync(path.join(folder, RUNS_DIR)) || existsSync(path.join(folder, LEGACY_RUNS_FILE));

/** The shard's `store_dir`: from its VaiderRules.json when it has one, else the default (`.vaider`). */
async function shardStoreDir(base: string, dir: string): Promise<string> {
  const file = path.join(base, RULES_FILE_NAME);
  if (!existsSync(file)) return defaultRules().store_dir;
  let rules: unknown;
  try {
    rules = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new VaiderError('CONFIG_INVALID', `${path.join(dir, RULES_FILE_NAME)}: not valid JSON (${(error as Error).message}).`, { file });
  }
  const storeDir = (rules as { store_dir?: unknown } | null)?.store_dir;
  return typeof storeDir === 'string' && storeDir !== '' ? storeDir : defaultRules().store_dir;
}

/** Where the store of `dir` (as given) is, or why it has none, naming it. */
async function findStore(dir: string): Promise<ShardSource | string> {
  let base: string;
  try {
    base = await realpath(path.resolve(dir));
  } catch {
    return `${dir} does not exist`;
  }
  if (!(await stat(base)).isDirectory()) return `${dir} is not a folder`;
  const storeDir = await shardStoreDir(base, dir);
  const projectStore = path.resolve(base, storeDir);
  if (holdsRuns(projectStore)) {
    // Real paths compared: a store_dir or a link leading out of the folder given is not read.
    const real = await realpath(projectStore);
    const runs = path.join(real, RUNS_DIR);
    if (!isInside(real, base) || (existsSync(runs) && !isInside(await realpath(runs), base))) {
      return `${dir}'s store ${path.join(dir, storeDir)} lies outside it; give the store folder itself`;
    }
    return { dir: path.resolve(dir), base, store: real, form: 'project' };
  }
  if (holdsRuns(base)) {
    const runs = path.join(base, RUNS_DIR);
    if (existsSync(runs) && !isInside(await realpath(runs), base)) return `${dir}'s ${RUNS_DIR}/ lies outside it`;
    return { dir: path.resolve(dir), base, store: base, form: 'store' };
  }
  return `${dir} holds no Vaider store (no ${path.join(dir, storeDir, RUNS_DIR)}/, no ${path.join(dir, RUNS_DIR)}/)`;
}

/** A recorded root (with its trailing separator) and the folder it now stands for. */
interface Rebase {
  prefix: string;
  base: string;
}

/** A path's parts: its folders' and its own name, with where each starts. */
const SEGMENT = new RegExp(`[^${path.sep === '\\' ? '\\\\/' : '/'}]+`, 'g');

/** The path `recorded` names under `rebase.base`, when it lies under the recorded root; else undefined. */
function rebasePath(recorded: string, rebase: Rebase): string | undefined {
  return recorded.startsWith(rebase.prefix) ? path.join(rebase.base, recorded.slice(rebase.prefix.length)) : undefined;
}

/** The recorded paths the run's files are found by: its interactions folder, then its input. */
const anchors = (run: RunRecord) => [interactionsDirFor(run.input), run.input];

/** The recorded root that puts `anchor` at an existing place under `base`: the longest tail that exists. */
function findRoot(anchor: string, base: string): Rebase | undefined {
  const parts = [...anchor.matchAll(SEGMENT)];
  if (parts.some((p) => p[0] === '..' || p[0] === '.')) return undefined;
  for (const [k, part] of parts.entries()) {
    if (existsSync(path.join(base, ...parts.slice(k).map((p) => p[0])))) return { prefix: anchor.slice(0, part.index), base };
  }
  return undefined;
}

/** Where the run's files are under `base`: a root already found for the shard first, else a new one. */
function locate(run: RunRecord, base: string, known: Rebase[]): Rebase | undefined {
  const found = (rebase: Rebase) => anchors(run).some((anchor) => {
    const here = rebasePath(anchor, rebase);
    return here !== undefined && existsSync(here);
  });
  const again = known.find(found);
  if (again) return again;
  for (const anchor of anchors(run)) {
    const rebase = findRoot(anchor, base);
    if (rebase) {
      known.push(rebase);
      return rebase;
    }
  }
  return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A copy of `value` with every path under the recorded root moved under the shard's folder: each field
 * that is such a path, and such a path within a message (an error naming its input), where it starts
 * the text or follows a space, a quote, a bracket or `=`.
 */
function rebaseRecord<T>(value: T, rebase: Rebase): T {
  const pattern = new RegExp(`(^|[\\s'"(\\[=])${escapeRegExp(rebase.prefix)}`, 'g');
  const to = rebase.base.endsWith(path.sep) ? rebase.base : `${rebase.base}${path.sep}`;
  const map = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, (_match, lead: string) => `${lead}${to}`);
    if (Array.isArray(v)) return v.map(map);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]));
    return v;
  };
  return map(value) as T;
}

interface Candidate {
  shard: number;
  run: RunRecord;
  /** The input as the shards share it: relative to the recorded root, or the recorded path. */
  key: string;
}

const newer = (a: Candidate, b: Candidate) => a.run.created_at > b.run.created_at || (a.run.created_at === b.run.created_at && a.shard < b.shard);

/**
 * The runs of several shards' stores as one set, for one report: each shard's latest run per input,
 * its paths read under the shard's folder (see the rule above); when two shards analysed the same
 * input (the same path relative to their recorded roots), the newest run wins, and the first folder
 * given on a tie. Every folder given must hold a store: BAD_ARGUMENT naming each one that does not.
 */
export async function mergeShards(dirs: readonly string[]): Promise<MergedShards> {
  const sources: ShardSource[] = [];
  const problems: string[] = [];
  for (const dir of dirs) {
    const found = await findStore(dir);
    if (typeof found === 'string') problems.push(found);
    else if (sources.some((s) => s.base === found.base)) problems.push(`${dir} is given twice`);
    else sources.push(found);
  }
  if (problems.length > 0) {
    throw new VaiderError('BAD_ARGUMENT', `Not a shard: ${problems.join('; ')}. Give each shard's project folder (holding .vaider/ or its VaiderRules.json's store_dir) or its store folder (holding runs/).`, {
      problems,
    });
  }

  const shards: ShardSummary[] = [];
  const winners = new Map<string, Candidate>();
  let read = 0;
  for (const [index, source] of sources.entries()) {
    const page = (await readRunStore(source.store)).page({ limit: MAX_RUNS });
    read += page.total;
    const latest = latestRuns(page.runs);
    const known: Rebase[] = [];
    // Every run's files looked for first, so that a run whose files are gone still takes its shard's root.
    const located = latest.map((run) => locate(run, source.base, known));
    let unlocated = 0;
    for (const [i, recorded] of latest.entries()) {
      if (!located[i]) unlocated++;
      const rebase = located[i] ?? known.find((r) => recorded.input.startsWith(r.prefix));
      const run = rebase ? rebaseRecord(recorded, rebase) : recorded;
      const relative = rebase && rebasePath(recorded.input, rebase);
      const key = relative ? path.relative(source.base, relative).split(path.sep).join('/') : recorded.input;
      const candidate = { shard: index, run, key };
      const held = winners.get(key);
      if (!held || newer(candidate, held)) winners.set(key, candidate);
    }
    shards.push({
      dir: source.dir,
      store: source.store,
      form: source.form,
      runs: page.total,
      inputs: latest.length,
      reported: 0,
      superseded: 0,
      unfinished: page.runs.filter((r) => r.state === 'queued' || r.state === 'analyzing').length,
      recorded_roots: known.map((r) => r.prefix.replace(/(?<=.)[\\/]$/, '')).filter((root) => root !== source.base),
      unlocated,
    });
  }
  const runs = [...winners.values()].sort((a, b) => (newer(a, b) ? -1 : 1));
  for (const { shard } of runs) shards[shard]!.reported++;
  for (const shard of shards) shard.superseded = shard.inputs - shard.reported;
  const statuses: Partial<Record<RunStatusWord, number>> = {};
  for (const { run } of runs) statuses[runStatus(run)] = (statuses[runStatus(run)] ?? 0) + 1;
  return {
    shards,
    runs: runs.map((c) => c.run),
    bases: sources.map((s) => s.base),
    read,
    superseded: shards.reduce((n, s) => n + s.superseded, 0),
    statuses,
  };
}
