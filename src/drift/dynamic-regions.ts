import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { openJsonStore } from '../store/json-store.js';
import { area, intersectionArea, unionBox, type Box } from '../screen/box.js';

export interface DynamicRegion {
  box: Box;
  /** Runs in which this area showed something other than the run before: it keeps changing. */
  seen: number;
  /** A fingerprint of what the area showed last time. */
  last: string;
}

type Learned = Record<string, Record<string, DynamicRegion[]>>;

/** Intersection over union. */
function overlap(a: Box, b: Box): number {
  const inter = intersectionArea(a, b);
  return inter === 0 ? 0 : inter / (area(a) + area(b) - inter);
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
 * What an area showed so far bounds it only from inside: the next value may be drawn a little wider
 * ('10:00:04' reaches a pixel past where '1', '2' and '3' changed). A region is used, and suggested,
 * grown by a quarter of its smaller side (at least 2 px) all round.
 */
function withMargin(box: Box): Box {
  const margin = Math.max(2, Math.ceil(Math.min(box.width, box.height) / 4));
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  return { x, y, width: box.x + box.width + margin - x, height: box.y + box.height + margin - y };
}

/**
 * What differs between runs of a test even when nothing was changed on purpose (clocks, spinners,
 * random ids), learned per baseline screen in `<store_dir>/dynamic-regions.json`: local knowledge,
 * not committed, reset when a baseline is approved.
 */
export async function openDynamicRegions(storeDir: string) {
  const db = await openJsonStore<Learned>(path.join(storeDir, 'dynamic-regions.json'), () => ({}));
  const learned = db.data;
  const save = () => db.write();
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
        match.box = unionBox([match.box, box]);
      }
    },
    /** Areas seen differing in at least `minSeen` runs, with a margin for what they may show next. */
    dynamic(key: string, screen: number, minSeen: number): DynamicRegion[] {
      return regionsOf(key, screen)
        .filter((r) => r.seen >= minSeen)
        .map((r) => ({ ...r, box: withMargin(r.box) }));
    },
    forget(key: string): void {
      delete learned[key];
    },
    save,
  };
}
