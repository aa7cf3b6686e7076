import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { Box } from '../vision/types.js';

export interface DynamicRegion {
  box: Box;
  /** Runs in which this area showed something other than the run before: it keeps changing. */
  seen: number;
  /** A fingerprint of what the area showed last time. */
  last: string;
}

type Learned = Record<string, Record<string, DynamicRegion[]>>;

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** A coarse picture of an area (16×16 grey, 16 levels): the same content across compression noise. */
export async function areaFingerprint(file: string, box: Box): Promise<string> {
  const meta = await sharp(file).metadata();
  const left = Math.max(0, Math.min(box.x, (meta.width ?? 1) - 1));
  const top = Math.max(0, Math.min(box.y, (meta.height ?? 1) - 1));
  const width = Math.max(1, Math.min(box.width, (meta.width ?? 1) - left));
  const height = Math.max(1, Math.min(box.height, (meta.height ?? 1) - top));
  const grey = await sharp(file).extract({ left, top, width, height }).greyscale().resize(16, 16, { fit: 'fill' }).raw().toBuffer();
  return createHash('sha1')
    .update(grey.map((v) => v >> 4))
    .digest('hex')
    .slice(0, 16);
}

/** Half the area shared: the same clock in the same corner, give or take its digits' width. */
const SAME_AREA = 0.5;

/**
 * What differs between runs of a test even when nothing was changed on purpose (clocks, spinners,
 * random ids), learned per baseline screen in `<store_dir>/dynamic-regions.json`: local knowledge,
 * not committed, reset when a baseline is approved.
 */
export async function openDynamicRegions(storeDir: string) {
  const file = path.join(storeDir, 'dynamic-regions.json');
  let learned: Learned;
  try {
    learned = JSON.parse(await readFile(file, 'utf8')) as Learned;
  } catch {
    learned = {};
  }
  const save = async () => {
    await mkdir(storeDir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify(learned, null, 2) + '\n');
  };
  const regionsOf = (key: string, screen: number) => ((learned[key] ??= {})[String(screen)] ??= []);

  return {
    /**
     * Records the areas that differed from the baseline on one screen in one run, each with a
     * fingerprint of its content. Only an area whose content differs from the previous run's counts
     * again: a deliberate redesign shows the same new content every run and is never learned as
     * dynamic, so it cannot be masked away.
     */
    observe(key: string, screen: number, areas: Array<{ box: Box; fingerprint: string }>): void {
      const known = regionsOf(key, screen);
      for (const { box, fingerprint } of areas) {
        const match = known.find((r) => overlap(r.box, box) >= SAME_AREA);
        if (!match) {
          known.push({ box, seen: 1, last: fingerprint });
          continue;
        }
        if (match.last !== fingerprint) match.seen++;
        match.last = fingerprint;
        match.box = union(match.box, box);
      }
    },
    /** Areas seen differing in at least `minSeen` runs. */
    dynamic(key: string, screen: number, minSeen: number): DynamicRegion[] {
      return regionsOf(key, screen).filter((r) => r.seen >= minSeen);
    },
    forget(key: string): void {
      delete learned[key];
    },
    save,
  };
}
