import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../base/atomic-write.js';

export function cacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, text: string): Promise<void>;
  clear(): Promise<void>;
}

/** Where the model answers of a project's store are kept. */
export function modelCacheDir(storeDir: string): string {
  return path.join(storeDir, 'cache', 'model');
}

/**
 * Model answers on disk, one file per key (the hash of the frames, the prompt template version, the
 * model and the parameters), so re-analyzing the same video asks nobody and answers in milliseconds.
 * Entries never change once written, so unlike Vaider's records they need no single writer.
 * `storeDir` is checked against the allowed roots on first use.
 */
export function openResponseCache(storeDir: () => Promise<string>): ResponseCache {
  const fileOf = async (key: string) => path.join(modelCacheDir(await storeDir()), key.slice(0, 2), `${key}.json`);
  return {
    async get(key) {
      try {
        return (JSON.parse(await readFile(await fileOf(key), 'utf8')) as { text: string }).text;
      } catch {
        return undefined;
      }
    },
    async set(key, text) {
      const file = await fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ text, stored_at: new Date().toISOString() }));
    },
    clear: async () => rm(modelCacheDir(await storeDir()), { recursive: true, force: true }),
  };
}
