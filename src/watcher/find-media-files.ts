import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { WatchPatterns } from './watch-patterns.js';

/** The files that exist now and match, walking only folders the patterns can reach (for watch --once). */
export async function findMediaFiles(root: string, patterns: WatchPatterns): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (!patterns.ignores(rel, true)) await walk(full);
      } else if (entry.isFile() && patterns.matches(rel)) {
        found.push(full);
      }
    }
  };
  await walk(root);
  return found.sort();
}
