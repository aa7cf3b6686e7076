import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../../base/atomic-write.js';
import { redactSecrets } from '../../base/redact-secrets.js';
import { readStoreFile } from '../../store/json-store.js';
import { refuseIfLost } from '../../store/project-lock.js';
import { isJobRun } from './run-ids.js';
import type { RunRecord, RunState } from './run-types.js';
import { runStatus, type RunStatusWord } from './run-status.js';

/** Older runs are dropped beyond this; their interactions folders stay where they are. */
export const MAX_RUNS = 10_000;

/**
 * Runs in one state, or with one outcome (`status`: a verdict, `described`, or the state), whose input
 * path, test title or expectations contain `query` (any case); newest first, `limit` of them after skipping `offset`.
 */
export interface RunFilter {
  state?: RunState;
  status?: RunStatusWord;
  query?: string;
  limit?: number;
  offset?: number;
}

/** A page of runs and how many match in all, for paging. */
export interface RunPage {
  runs: RunRecord[];
  total: number;
}

/** The runs to read: from the store this process owns, or as another process's store holds them now. */
export interface RunReader {
  get(id: string): RunRecord | undefined;
  list(filter?: RunFilter): RunRecord[];
  page(filter?: RunFilter): RunPage;
  /** The newest finished run with this cache key: the newest of `input` when there is one. */
  findCached(cacheKey: string, input: string): RunRecord | undefined;
}

export interface RunStore extends RunReader {
  /** Records a new run, or replaces the one with its id. */
  add(run: RunRecord): Promise<void>;
  /** Reads a run another process wrote (a worker of the shared queue) into memory, as it stands on disk. */
  reload(id: string): Promise<RunRecord | undefined>;
  update(id: string, patch: Partial<RunRecord>): Promise<RunRecord>;
}

/** The folder of runs in a store, one file per run. */
export const RUNS_DIR = 'runs';
/** Where runs were kept before, in one file: read once, moved into the folder. */
export const LEGACY_RUNS_FILE = 'runs.json';
/** The fields every run file must have, for the shape check that names a damaged file. */
export const RUN_SHAPE = (): Partial<RunRecord> => ({ id: '', input: '', expectations: [], state: 'done', created_at: '' });

const byAge = (a: RunRecord, b: RunRecord) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1);

/** Every run in `dir`'s folder, oldest first; STORE_CORRUPT naming the file when one cannot be read. */
async function readRuns(dir: string): Promise<RunRecord[]> {
  const folder = path.join(dir, RUNS_DIR);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  const runs: RunRecord[] = [];
  // In batches: ten thousand files at once would exhaust file handles.
  for (let i = 0; i < names.length; i += 256) {
    const batch = await Promise.all(names.slice(i, i + 256).map((name) => readStoreFile(path.join(folder, name), RUN_SHAPE)));
    for (const run of batch) if (run) runs.push(run as RunRecord);
  }
  if (runs.length === 0 && existsSync(path.join(dir, LEGACY_RUNS_FILE))) {
    runs.push(...((await readStoreFile(path.join(dir, LEGACY_RUNS_FILE), () => ({ version: 1, runs: [] as RunRecord[] })))?.runs ?? []));
  }
  return runs.sort(byAge);
}

/**
 * Runs cut short by a crash or a kill are not running any more. Not a queued job's: a worker holds it,
 * and when that worker dies the queue hands the job to another, which writes the same run.
 */
function interrupted(run: RunRecord): boolean {
  return (run.state === 'queued' || run.state === 'analyzing') && !isJobRun(run.id);
}

/**
 * Past runs in `<store_dir>/runs/`, one JSON file per run written through a temp file and a rename, so
 * recording a change costs the same with ten runs or ten thousand, and a crash never leaves half a file.
 * Reads are served from memory. Writes are queued in order, redacted, and refused once another process
 * has taken the store over.
 */
export async function openRunStore(
  dir: string,
  {
    maxRuns = MAX_RUNS,
    endInterrupted = true,
  }: {
    maxRuns?: number;
    /** The store's owner ends the runs a crash cut short; a worker of the queue, which does not own it, must not end the runs others are writing. */
    endInterrupted?: boolean;
  } = {},
): Promise<RunStore> {
  const folder = path.join(dir, RUNS_DIR);
  await mkdir(folder, { recursive: true });
  const runs = await readRuns(dir);
  const reader = runReader(runs);
  let queue: Promise<unknown> = Promise.resolve();
  const fileOf = (id: string) => path.join(folder, `${id.replace(/[^\w-]/g, '_')}.json`);
  const enqueue = (work: () => Promise<void>) => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const save = (run: RunRecord) =>
    enqueue(async () => {
      const file = fileOf(run.id);
      refuseIfLost(file);
      await writeJsonAtomic(file, redactSecrets(run));
    });
  const drop = (run: RunRecord) => enqueue(() => rm(fileOf(run.id), { force: true }));

  for (const run of endInterrupted ? runs.filter(interrupted) : []) {
    run.state = 'error';
    run.error = { code: 'CANCELLED', message: 'The server stopped before this run finished.' };
    await save(run);
  }
  // Runs from the single file of earlier versions move into the folder once.
  const legacy = path.join(dir, LEGACY_RUNS_FILE);
  if (existsSync(legacy)) {
    for (const run of runs) await save(run);
    await rm(legacy, { force: true });
  }
  return {
    ...reader,
    async add(run) {
      // A run recorded again under its id (a queued job tried again) replaces the earlier record.
      const earlier = runs.findIndex((r) => r.id === run.id);
      if (earlier >= 0) runs.splice(earlier, 1);
      runs.push(run);
      reader.byId.set(run.id, run);
      await save(run);
      while (runs.length > maxRuns) {
        const oldest = runs.shift()!;
        reader.byId.delete(oldest.id);
        await drop(oldest);
      }
    },
    async reload(id) {
      const file = fileOf(id);
      if (!existsSync(file)) return undefined;
      const run = (await readStoreFile(file, RUN_SHAPE)) as RunRecord | null;
      if (!run) return undefined;
      const known = reader.byId.get(id);
      if (known) Object.assign(known, run);
      else {
        runs.push(run);
        runs.sort(byAge);
        reader.byId.set(id, run);
      }
      return reader.byId.get(id);
    },
    async update(id, patch) {
      const run = reader.byId.get(id);
      if (!run) throw new Error(`run ${id} is not in the store`);
      Object.assign(run, patch, { updated_at: new Date().toISOString() });
      await save(run);
      return run;
    },
  };
}

/**
 * The runs in `dir` as they stand, read without owning the store: another process owns it (a server, a
 * watcher) and this one only reads. Each call reads the folder afresh.
 */
export async function readRunStore(dir: string): Promise<RunReader> {
  return runReader(await readRuns(dir));
}

/** Reads over `runs` (oldest first), which the store's writes change in place. */
function runReader(runs: RunRecord[]): RunReader & { byId: Map<string, RunRecord> } {
  const byId = new Map(runs.map((run) => [run.id, run]));
  function page({ state, status, query, limit = 50, offset = 0 }: RunFilter = {}): RunPage {
    const needle = query?.trim().toLowerCase();
    const wanted = (r: RunRecord) =>
      (!state || r.state === state) &&
      (!status || runStatus(r) === status) &&
      (!needle || [r.input, r.test_title ?? '', ...r.expectations].some((text) => text.toLowerCase().includes(needle)));
    const matching = state || status || needle ? runs.filter(wanted) : runs;
    // Newest last: the page counted from the end.
    const end = Math.max(0, matching.length - offset);
    return { runs: matching.slice(Math.max(0, end - limit), end).reverse(), total: matching.length };
  }
  return {
    byId,
    get: (id) => byId.get(id),
    list: (filter) => page(filter).runs,
    page,
    findCached(cacheKey, input) {
      let newest: RunRecord | undefined;
      for (let i = runs.length - 1; i >= 0; i--) {
        const run = runs[i]!;
        if (run.cache_key !== cacheKey || run.state !== 'done' || !run.result) continue;
        if (run.input === input) return run;
        newest ??= run;
      }
      return newest;
    },
  };
}
