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

/**
 * Model answers on disk, one file per key (the hash of the frames, the prompt template version, the
 * model and the parameters), so re-analyzing the same video asks nobody and answers in milliseconds.
 */
export function openResponseCache(dir: string): ResponseCache {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), `${key}.json`);
  return {
    async get(key) {
      try {
        return (JSON.parse(await readFile(fileOf(key), 'utf8')) as { text: string }).text;
      } catch {
        return undefined;
      }
    },
    async set(key, text) {
      await mkdir(path.dirname(fileOf(key)), { recursive: true });
      await writeFileAtomic(fileOf(key), JSON.stringify({ text, stored_at: new Date().toISOString() }));
    },
    clear: () => rm(dir, { recursive: true, force: true }),
  };
}
