import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic, writeJsonAtomic } from '../base/atomic-write.js';
import { writeContactSheet, type SheetEntry } from './contact-sheet.js';
import type { Keyframe, KeyframeFiles, KeyframePixels, MediaSummary } from './keyframe-types.js';
import { timelineDocument } from './timeline-file.js';

export function keyframeFileName(index: number, time: number): string {
  return `${String(index + 1).padStart(2, '0')}_at_${time.toFixed(2)}s.png`;
}

/** Old keyframes of an earlier analysis of the same input would be mistaken for this one's. */
export async function prepareKeyframeFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(dir)) {
    if (entry.endsWith('.png')) await rm(path.join(dir, entry), { force: true });
  }
}

/** The keyframes as the contact sheet shows them; those in `failing` (evidence of a failed expectation) marked. */
export function contactSheetEntries(keyframes: readonly Keyframe[], failing: ReadonlySet<string> = new Set()): SheetEntry[] {
  return keyframes.map((k) => ({ path: k.path, label: `${k.index + 1} · ${k.time.toFixed(2)} s`, failing: failing.has(k.path) }));
}

/** timeline.json and the contact sheet of keyframes already on disk. */
export async function writeKeyframeIndex(
  dir: string,
  media: MediaSummary,
  keyframes: Keyframe[],
  warnings: string[],
  contactSheet: boolean,
): Promise<KeyframeFiles> {
  const timelinePath = path.join(dir, 'timeline.json');
  await writeJsonAtomic(timelinePath, timelineDocument(media, keyframes, dir, warnings));
  let contactSheetPath: string | undefined;
  if (contactSheet && keyframes.length > 0) {
    contactSheetPath = path.join(dir, 'contact-sheet.png');
    await writeContactSheet(contactSheetEntries(keyframes), contactSheetPath);
  }
  return { keyframes, timelinePath, contactSheetPath };
}

/** One PNG per chosen frame, numbered in time order. */
export async function writeKeyframePngs(dir: string, chosen: KeyframePixels[], width: number, height: number): Promise<Keyframe[]> {
  return Promise.all(
    chosen.map(async (c, index) => {
      const file = path.join(dir, keyframeFileName(index, c.time));
      const png = await sharp(c.rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 3 }).toBuffer();
      await writeFileAtomic(file, png);
      return { index, time: c.time, end: c.end, frameTime: c.frameTime, changeScore: c.changeScore, reasons: c.reasons, why: c.why, path: file, width, height };
    }),
  );
}
