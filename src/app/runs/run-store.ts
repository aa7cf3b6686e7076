import path from 'node:path';
import { openJsonStore } from '../../store/json-store.js';
import type { RunRecord, RunState } from './run-types.js';

interface StoreData {
  version: 1;
  runs: RunRecord[];
}

/** Older runs are dropped beyond this; their interactions folders stay where they are. */
const MAX_RUNS = 500;

export interface RunStore {
  add(run: RunRecord): Promise<void>;
  update(id: string, patch: Partial<RunRecord>): Promise<RunRecord>;
  get(id: string): RunRecord | undefined;
  list(filter?: { state?: RunState; limit?: number }): RunRecord[];
  /** The newest finished run with this cache key. */
  findCached(cacheKey: string): RunRecord | undefined;
}

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
  const db = await openJsonStore<StoreData>(path.join(dir, 'runs.json'), () => ({ version: 1, runs: [] }), endInterruptedRuns);
  const byId = new Map(db.data.runs.map((run) => [run.id, run]));

  return {
    async add(run) {
      db.data.runs.push(run);
      byId.set(run.id, run);
      while (db.data.runs.length > MAX_RUNS) byId.delete(db.data.runs.shift()!.id);
      await db.write();
    },
    async update(id, patch) {
      const run = byId.get(id);
      if (!run) throw new Error(`run ${id} is not in the store`);
      Object.assign(run, patch, { updated_at: new Date().toISOString() });
      await db.write();
      return run;
    },
    get: (id) => byId.get(id),
    list({ state, limit = 50 } = {}) {
      const runs = state ? db.data.runs.filter((r) => r.state === state) : db.data.runs;
      return runs.slice(-limit).reverse();
    },
    findCached(cacheKey) {
      for (let i = db.data.runs.length - 1; i >= 0; i--) {
        const run = db.data.runs[i]!;
        if (run.cache_key === cacheKey && run.state === 'done' && run.result) return run;
      }
      return undefined;
    },
  };
}
