import { readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import { resolveInsideRoots } from '../base/allowed-roots.js';
import { toVaiderError } from '../base/errors.js';
import { readStoreFile } from '../store/json-store.js';
import { otherOwner, type StoreOwner } from '../store/project-lock.js';
import { modelCacheDir } from '../vision/model/response-cache.js';

export interface StoreFileCheck {
  /** What the file keeps, in words. */
  name: string;
  file: string;
  state: 'ok' | 'missing' | 'corrupt' | 'moved_aside';
  /** Why it cannot be read, when it cannot. */
  problem?: string;
  /** Where `--repair` put it. */
  movedTo?: string;
  /** Files in a folder of entries (the model response cache). */
  entries?: number;
}

export interface StoreCheck {
  storeDir: string;
  /** The process that owns the store now, when it is not this one. */
  owner: StoreOwner | null;
  files: StoreFileCheck[];
}

/**
 * The stores and the empty value each starts from: the shape its file must have. They mirror the
 * stores' own openers (app/runs/run-store.ts, app/watch/job-store.ts, healing/healing-store.ts,
 * drift/dynamic-regions.ts, drift/baseline-store.ts).
 */
const STORE_FILES: ReadonlyArray<{ name: string; file: string; empty: () => unknown; in: 'store' | 'baselines' }> = [
  { name: 'runs', file: 'runs.json', empty: () => ({ version: 1, runs: [] }), in: 'store' },
  { name: 'watch jobs', file: 'jobs.json', empty: () => ({ version: 1, jobs: [] }), in: 'store' },
  { name: 'healing events', file: 'healing.json', empty: () => [], in: 'store' },
  { name: 'dynamic regions', file: 'dynamic-regions.json', empty: () => ({}), in: 'store' },
  { name: 'baseline index', file: 'index.json', empty: () => ({}), in: 'baselines' },
];

/** A model answer as response-cache.ts keeps it. */
const emptyCacheEntry = () => ({ text: '' });

function asideName(file: string): string {
  return `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
}

async function checkFile(name: string, file: string, empty: () => unknown, repair: boolean): Promise<StoreFileCheck> {
  try {
    return { name, file, state: (await readStoreFile(file, empty)) === null ? 'missing' : 'ok' };
  } catch (thrown) {
    const error = toVaiderError(thrown);
    if (error.code !== 'STORE_CORRUPT') throw error;
    const problem = String(error.details.problem ?? error.message);
    if (!repair) return { name, file, state: 'corrupt', problem };
    const movedTo = asideName(file);
    await rename(file, movedTo);
    return { name, file, state: 'moved_aside', problem, movedTo };
  }
}

async function cacheEntries(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => path.join(e.parentPath, e.name));
}

/** The model response cache: a folder of answers, each of which must be readable on its own. */
async function checkCache(storeDir: string, repair: boolean): Promise<StoreFileCheck[]> {
  const dir = modelCacheDir(storeDir);
  const files = await cacheEntries(dir);
  const bad: StoreFileCheck[] = [];
  for (const file of files) {
    const check = await checkFile('model response cache entry', file, emptyCacheEntry, repair);
    if (check.state !== 'ok') bad.push(check);
  }
  return [{ name: 'model response cache', file: dir, state: files.length ? 'ok' : 'missing', entries: files.length }, ...bad];
}

/**
 * `vaider doctor`: reads every store file of the project and says which are ok, missing (they start
 * empty when first used) or unreadable. With `repair` (the caller owns the store), each unreadable
 * file is renamed `<file>.corrupt-<time>` so its store starts afresh, and the report says where it went.
 */
export async function checkStore(config: ResolvedConfig, storeDir: string, repair: boolean): Promise<StoreCheck> {
  const baselinesDir = await resolveInsideRoots(path.resolve(config.projectRoot, config.rules.baselines_dir), config.allowedRoots);
  const files: StoreFileCheck[] = [];
  for (const store of STORE_FILES) {
    files.push(await checkFile(store.name, path.join(store.in === 'store' ? storeDir : baselinesDir, store.file), store.empty, repair));
  }
  files.push(...(await checkCache(storeDir, repair)));
  return { storeDir, owner: await otherOwner(storeDir), files };
}
