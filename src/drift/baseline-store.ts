import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../base/atomic-write.js';
import { openJsonStore } from '../store/json-store.js';

export interface BaselineScreen {
  index: number;
  time: number;
  /** File name inside the baseline's folder. */
  file: string;
  dhash: string;
}

export interface Baseline {
  /** The input's path relative to the project root: what makes two runs the same test. */
  key: string;
  created_at: string;
  approved_at: string | null;
  /** The run it was taken from, when it came from a recorded run. */
  source_run: string | null;
  screens: BaselineScreen[];
  /** Areas a person accepted as changing by nature (a clock): left out of every comparison with that screen. */
  masks?: BaselineMask[];
}

export interface BaselineMask {
  /** The baseline screen's index. */
  screen: number;
  box: { x: number; y: number; width: number; height: number };
}

/** index.json: every test that has a baseline, by its key. */
type BaselineIndex = Record<string, { folder: string; screens: number; approved_at: string | null }>;

/** `test-output/login.mp4` → `test-output__login.mp4`: one folder per test, readable in a diff. */
export function baselineFolderName(key: string): string {
  return key.replace(/[\\/]+/g, '__').replace(/[^\w.@-]/g, '_');
}

/**
 * Baselines under baselines_dir, one folder per test with its screens as PNGs and baseline.json,
 * plus index.json listing them: plain files, meant to be committed and reviewed like code.
 */
export function baselineStore(dir: string) {
  const folderOf = (key: string) => path.join(dir, baselineFolderName(key));
  const index = () => openJsonStore<BaselineIndex>(path.join(dir, 'index.json'), () => ({}));
  async function get(key: string): Promise<Baseline | undefined> {
    try {
      return JSON.parse(await readFile(path.join(folderOf(key), 'baseline.json'), 'utf8')) as Baseline;
    } catch {
      return undefined;
    }
  }

  return {
    folderOf,
    get,
    screenPath: (key: string, screen: BaselineScreen) => path.join(folderOf(key), screen.file),
    /** Replaces the test's baseline with these screens (copied in); accepted masks stay. */
    async put(key: string, screens: Array<{ index: number; time: number; path: string; dhash: string }>, meta: { sourceRun: string | null; approved: boolean }): Promise<Baseline> {
      const folder = folderOf(key);
      const masks = (await get(key))?.masks;
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
      const saved: BaselineScreen[] = [];
      for (const [i, screen] of screens.entries()) {
        const file = `${String(i + 1).padStart(2, '0')}_at_${screen.time.toFixed(2)}s.png`;
        await copyFile(screen.path, path.join(folder, file));
        saved.push({ index: i, time: screen.time, file, dhash: screen.dhash });
      }
      const now = new Date().toISOString();
      const baseline: Baseline = { key, created_at: now, approved_at: meta.approved ? now : null, source_run: meta.sourceRun, screens: saved, ...(masks?.length && { masks }) };
      await writeJsonAtomic(path.join(folder, 'baseline.json'), baseline);
      const listed = await index();
      listed.data[key] = { folder: path.basename(folder), screens: saved.length, approved_at: baseline.approved_at };
      await listed.write();
      return baseline;
    },
    /** Adds masks to the test's baseline (an existing one: masks belong to its screens). */
    async addMasks(key: string, masks: BaselineMask[]): Promise<Baseline | undefined> {
      const baseline = await get(key);
      if (!baseline) return undefined;
      const known = new Set((baseline.masks ?? []).map((m) => JSON.stringify(m)));
      const added = masks.filter((m) => !known.has(JSON.stringify(m)));
      baseline.masks = [...(baseline.masks ?? []), ...added];
      await writeJsonAtomic(path.join(folderOf(key), 'baseline.json'), baseline);
      return baseline;
    },
  };
}

export type BaselineStore = ReturnType<typeof baselineStore>;
