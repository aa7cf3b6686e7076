import path from 'node:path';
import { openJsonStore, readStoreFile } from '../../store/json-store.js';
import type { RunRecord, RunState } from './run-types.js';
import { runStatus, type RunStatusWord } from './run-status.js';

interface StoreData {
  version: 1;
  runs: RunRecord[];
}

/** Older runs are dropped beyond this; their interactions folders stay where they are. */
export const MAX_RUNS = 500;

/**
 * Runs in one state, or with one outcome (`status`: a verdict, `described`, or the state), whose input
 * path or expectations contain `query` (any case); newest first, `limit` of them after skipping `offset`.
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
  add(run: RunRecord): Promise<void>;
  update(id: string, patch: Partial<RunRecord>): Promise<RunRecord>;
}

const RUNS_FILE = 'runs.json';
const emptyRuns = (): StoreData => ({ version: 1, runs: [] });

/** Runs cut short by a crash or a kill are not running any more. */
function endInterruptedRuns(data: StoreData): boolean {
  let interrupted = false;
  for (const run of data.runs) {
    if (run.state === 'queued' || run.state === 'analyzing') {
      run.state = 'error';
      run.error = { code: 'CANCELLED', message: 'The server stopped before this run finished.' };
      interrupted = true;
    }
  }
  return interrupted;
}

/**
 * Past runs in `<store_dir>/runs.json` (lowdb: the whole file is rewritten through a temp file and a
 * rename, and writes are queued, so a crash never leaves half a file). Reads are served from memory.
 */
export async function openRunStore(dir: string): Promise<RunStore> {
  const db = await openJsonStore<StoreData>(path.join(dir, RUNS_FILE), emptyRuns, endInterruptedRuns);
  const reader = runReader(db.data.runs);
  return {
    ...reader,
    async add(run) {
      db.data.runs.push(run);
      reader.byId.set(run.id, run);
      while (db.data.runs.length > MAX_RUNS) reader.byId.delete(db.data.runs.shift()!.id);
      await db.write();
    },
    async update(id, patch) {
      const run = reader.byId.get(id);
      if (!run) throw new Error(`run ${id} is not in the store`);
      Object.assign(run, patch, { updated_at: new Date().toISOString() });
      await db.write();
      return run;
    },
  };
}

/**
 * The runs in `dir` as they stand, read without owning the store: another process owns it (a server, a
 * watcher) and this one only reads. Each call reads the file afresh.
 */
export async function readRunStore(dir: string): Promise<RunReader> {
  return runReader(((await readStoreFile<StoreData>(path.join(dir, RUNS_FILE), emptyRuns)) ?? emptyRuns()).runs);
}

/** Reads over `runs`, which the store's writes change in place. */
function runReader(runs: RunRecord[]): RunReader & { byId: Map<string, RunRecord> } {
  const byId = new Map(runs.map((run) => [run.id, run]));
  function page({ state, status, query, limit = 50, offset = 0 }: RunFilter = {}): RunPage {
    const needle = query?.trim().toLowerCase();
    const wanted = (r: RunRecord) =>
      (!state || r.state === state) &&
      (!status || runStatus(r) === status) &&
      (!needle || r.input.toLowerCase().includes(needle) || r.expectations.some((e) => e.toLowerCase().includes(needle)));
    const matching = state || status || needle ? runs.filter(wanted) : runs;
    // Newest last in the file: the page counted from the end.
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
