/**
 * What to read of a changed frame: all of it when its layout changed a lot, otherwise only the places
 * that changed, each grown to the whole lines of text it touches. A changed digit in "3 items left"
 * re-reads the line, so the line is replaced whole rather than patched word by word.
 */
import { intersectionArea, unionBox, type Box } from '../../screen/box.js';
import type { OcrLine } from '../../screen/ocr-text.js';

export type ReadPlan = { kind: 'full' } | { kind: 'partial'; areas: Box[] };

/**
 * Re-read the whole frame when the changed areas cover this share of it (a new screen, a scroll), or
 * when there are more of them than this: each crop is a tesseract call with its own fixed cost, and
 * measured on generated screens, four crops of a changed page cost more than one read of all of it.
 */
const FULL_READ_SHARE = 0.25;
const MAX_AREAS = 3;
/** Changes closer than this (px at 720p) are one area: letters of a word, words of a line. */
const JOIN_GAP = 16;
/** A line this close to a change is part of it: the caret moved onto it, a letter was added at its end. */
const TOUCH = 4;
/** Along its row, a line reaches this many of its heights: the next word typed after a space belongs to it. */
const ROW_REACH = 1.5;

function grow(box: Box, by: number, width: number, height: number): Box {
  const x = Math.max(0, box.x - by);
  const y = Math.max(0, box.y - by);
  return { x, y, width: Math.min(width, box.x + box.width + by) - x, height: Math.min(height, box.y + box.height + by) - y };
}

function touches(a: Box, b: Box, gap: number): boolean {
  return (
    a.x - gap < b.x + b.width && b.x - gap < a.x + a.width && a.y - gap < b.y + b.height && b.y - gap < a.y + a.height
  );
}

/** Merges boxes closer than `gap` until no two are. */
function join(boxes: Box[], gap: number): Box[] {
  const merged = [...boxes];
  for (let i = 0; i < merged.length; i++) {
    for (let j = i + 1; j < merged.length; j++) {
      if (!touches(merged[i]!, merged[j]!, gap)) continue;
      merged[i] = unionBox([merged[i]!, merged[j]!]);
      merged.splice(j, 1);
      j = i;
    }
  }
  return merged;
}

/** Whether `line` touches `area`, or continues it along the same row: a word apart is the same line. */
function reaches(area: Box, line: Box): boolean {
  if (touches(area, line, TOUCH)) return true;
  const overlap = Math.min(area.y + area.height, line.y + line.height) - Math.max(area.y, line.y);
  if (overlap < 0.5 * Math.min(area.height, line.height)) return false;
  const gap = Math.max(area.x - (line.x + line.width), line.x - (area.x + area.width));
  return gap <= ROW_REACH * line.height;
}

/** Grows an area by the lines it touches, and by the lines those touch, until it holds only whole lines. */
function wholeLines(area: Box, lines: readonly OcrLine[]): Box {
  let grown = area;
  for (let pass = 0; pass < 4; pass++) {
    const touched = lines.filter((line) => reaches(grown, line.box));
    const next = touched.length > 0 ? unionBox([grown, ...touched.map((line) => line.box)]) : grown;
    if (next.x === grown.x && next.y === grown.y && next.width === grown.width && next.height === grown.height) break;
    grown = next;
  }
  return grown;
}

/**
 * `alongRow` widens a changed place to the ink of its line in the frame (see row-growth.ts), for text
 * not read before; lines read before widen it too.
 */
export function planRead(
  changed: readonly Box[],
  previousLines: readonly OcrLine[],
  width: number,
  height: number,
  alongRow: (box: Box) => Box = (box) => box,
): ReadPlan {
  const scale = height / 720;
  const areas = join(
    join(changed.map((box) => box), JOIN_GAP * scale).map((area) => wholeLines(grow(alongRow(area), TOUCH, width, height), previousLines)),
    0,
  );
  const covered = areas.reduce((sum, area) => sum + area.width * area.height, 0);
  if (areas.length > MAX_AREAS || covered >= FULL_READ_SHARE * width * height) return { kind: 'full' };
  return { kind: 'partial', areas };
}

/** Whether a line read before lies in an area that is read again: it is then replaced by the new read. */
export function isReplaced(line: OcrLine, areas: readonly Box[]): boolean {
  return areas.some((area) => intersectionArea(area, line.box) > 0);
}
