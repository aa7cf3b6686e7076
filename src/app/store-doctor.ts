import { existsSync } from 'node:fs';
import { readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import { resolveInsideRoots } from '../base/allowed-roots.js';
import { toVaiderError } from '../base/errors.js';
import { readStoreFile } from '../store/json-store.js';
import { otherOwner, type StoreOwner } from '../store/project-lock.js';
import { modelCacheDir } from '../vision/model/response-cache.js';
import { LEGACY_RUNS_FILE, RUN_SHAPE, RUNS_DIR } from './runs/run-store.js';

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

async function folderEntries(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => path.join(e.parentPath, e.name));
}

/** A folder of entries (the runs, the model response cache), each of which must be readable on its own. */
async function checkFolder(name: string, dir: string, empty: () => unknown, repair: boolean): Promise<StoreFileCheck[]> {
  const files = await folderEntries(dir);
  const bad: StoreFileCheck[] = [];
  for (const file of files) {
    const check = await checkFile(`${name} entry`, file, empty, repair);
    if (check.state !== 'ok') bad.push(check);
  }
  return [{ name, file: dir, state: files.length ? 'ok' : 'missing', entries: files.length }, ...bad];
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
  files.push(...(await checkFolder('runs', path.join(storeDir, RUNS_DIR), RUN_SHAPE, repair)));
  // An earlier version's single file of runs, not yet moved into the folder: only when it is there.
  const legacy = path.join(storeDir, LEGACY_RUNS_FILE);
  if (existsSync(legacy)) files.push(await checkFile('runs of an earlier version', legacy, () => ({ version: 1, runs: [] }), repair));
  files.push(...(await checkFolder('model response cache', modelCacheDir(storeDir), emptyCacheEntry, repair)));
  return { storeDir, owner: await otherOwner(storeDir), files };
}
