import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { OwnedJsonFile } from './owned-json-file.js';
import { shapeProblem } from './store-shape.js';
import { VaiderError } from '../base/errors.js';
import { redactOnWrite } from './redact-on-write.js';

/**
 * How Vaider keeps records of its own (jobs, healing events, learned dynamic regions, the baseline
 * index; runs, which grow to thousands, are one file each: app/runs/run-store.ts): one JSON document
 * per file, read once and held in memory, written whole through a temp file and a rename (lowdb, by
 * way of steno), writes queued in order. A file is opened once per process, so every part of it that
 * writes goes through the same queue.
 */

const open = new Map<string, Promise<Low<unknown>>>();

/**
 * Mends what a crash left when the file is first read in this process (runs cut short, jobs left
 * running); true when it changed something. Later opens share the live records and never mend them.
 */
export type Repair<T> = (data: T) => boolean;

/**
 * What the store in `file` holds, or null when the file does not exist; STORE_CORRUPT naming the file
 * when it cannot be read as this store. Reads only, so `vaider doctor` checks a store in use.
 */
export async function readStoreFile<T>(file: string, empty: () => T, adapter = new OwnedJsonFile<T>(file)): Promise<T | null> {
  let data: T | null;
  try {
    data = await adapter.read();
  } catch (error) {
    throw corrupt(file, (error as Error).message);
  }
  // lowdb reads a missing file and a file holding `null` alike; the second would start an empty store
  // over the records it lost.
  if (data === null && existsSync(file)) throw corrupt(file, 'it holds null');
  const problem = data === null ? undefined : shapeProblem(data, empty());
  if (problem) throw corrupt(file, problem);
  return data;
}

async function load<T>(file: string, empty: () => T, repair: Repair<T> | undefined): Promise<Low<T>> {
  await mkdir(path.dirname(file), { recursive: true });
  // Not JSONFilePreset: it silently keeps data in memory when NODE_ENV is 'test'.
  const adapter = new OwnedJsonFile<T>(file);
  const data = await readStoreFile(file, empty, adapter);
  const db = new Low<T>(redactOnWrite(adapter), data ?? empty());
  if (repair?.(db.data)) await db.write();
  return db;
}

function corrupt(file: string, why: string): VaiderError {
  return new VaiderError('STORE_CORRUPT', `${file} is not a readable store (${why}); nothing was changed. "vaider doctor --repair" moves it aside so the store starts afresh.`, { file, problem: why });
}

/** The store in `file`, created from `empty()` when the file does not exist. */
export function openJsonStore<T>(file: string, empty: () => T, repair?: Repair<T>): Promise<Low<T>> {
  const key = path.resolve(file);
  let pending = open.get(key);
  if (!pending) {
    pending = load<unknown>(key, empty, repair as Repair<unknown> | undefined);
    // A store that failed to open is tried again next time, once the file was moved aside.
    pending.catch(() => open.delete(key));
    open.set(key, pending);
  }
  return pending as Promise<Low<T>>;
}
