/** Combines the page pass with the region passes into one list of lines in reading order. */
import type { OcrLine } from '../../screen/ocr-text.js';
import { area, intersectionArea, unionBox } from '../../screen/box.js';

/** Two boxes are at the same place when their overlap covers this share of the smaller one. */
const SAME_PLACE = 0.5;
/** Edit-distance similarity above which two readings are the same text with OCR noise. */
const SAME_TEXT = 0.8;
/** Fragments of one line are closer than this many line heights; separate labels are further apart. */
const FRAGMENT_GAP = 1;
/** Fragments of one line overlap vertically by at least this share of the shorter one. */
const SAME_ROW = 0.6;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Equal up to case, punctuation and a few misread letters, or one reading contained in the other. */
function sameText(a: string, b: string): boolean {
  const x = normalise(a);
  const y = normalise(b);
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  if (shorter.length >= 3 && longer.includes(shorter)) return true;
  return 1 - editDistance(x, y) / Math.max(x.length, y.length) >= SAME_TEXT;
}

function overlapShare(a: OcrLine, b: OcrLine, of: 'smaller' | 'larger'): number {
  const reference = of === 'smaller' ? Math.min(area(a.box), area(b.box)) : Math.max(area(a.box), area(b.box));
  return reference > 0 ? intersectionArea(a.box, b.box) / reference : 0;
}

/**
 * A region line is dropped when a page line at the same place already says the same. A page line
 * that occupies the very same place with other text is tesseract's misreading of the coloured area
 * (it thresholds the fill into a dark blob); it gives way to the crop's reading when that is surer.
 */
function addRegionLines(pageLines: readonly OcrLine[], regionLines: readonly OcrLine[]): OcrLine[] {
  let lines = [...pageLines];
  for (const regionLine of regionLines) {
    const samePlace = lines.filter((line) => overlapShare(line, regionLine, 'smaller') >= SAME_PLACE);
    if (samePlace.some((line) => sameText(line.text, regionLine.text))) continue;
    const misreadings = samePlace.filter(
      (line) =>
        line.source === 'page' &&
        overlapShare(line, regionLine, 'larger') >= SAME_PLACE &&
        line.confidence < regionLine.confidence,
    );
    lines = lines.filter((line) => !misreadings.includes(line));
    lines.push(regionLine);
  }
  return lines;
}

/** Whether `next` continues `line` on its right, as a piece of the same line of text. */
function continues(line: OcrLine, next: OcrLine): boolean {
  if (line.source !== next.source || line.region !== next.region) return false;
  const gap = next.box.x - (line.box.x + line.box.width);
  const height = Math.max(line.box.height, next.box.height);
  if (gap < -2 || gap > FRAGMENT_GAP * height) return false;
  const overlap = Math.min(line.box.y + line.box.height, next.box.y + next.box.height) - Math.max(line.box.y, next.box.y);
  return overlap >= SAME_ROW * Math.min(line.box.height, next.box.height);
}

/**
 * Sparse-text mode sometimes splits one line where its word gaps line up with the lines above and
 * below (taking them for column gutters): "Line 1 of the" | "release" | "notes". Rejoins such pieces.
 */
function joinFragments(lines: readonly OcrLine[]): OcrLine[] {
  const joined: OcrLine[] = [];
  for (const line of [...lines].sort((a, b) => a.box.x - b.box.x)) {
    const index = joined.findIndex((previous) => continues(previous, line));
    if (index < 0) {
      joined.push(line);
      continue;
    }
    const previous = joined[index]!;
    const words = [...previous.words, ...line.words];
    joined[index] = {
      ...previous,
      text: `${previous.text} ${line.text}`,
      confidence: words.reduce((sum, word) => sum + word.confidence, 0) / words.length,
      box: unionBox([previous.box, line.box]),
      words,
    };
  }
  return joined;
}

/** Top to bottom; lines whose middle lies within the height of a row's first line share its row, left to right. */
export function readingOrder(lines: readonly OcrLine[]): OcrLine[] {
  const rows: OcrLine[][] = [];
  for (const line of [...lines].sort((a, b) => a.box.y - b.box.y)) {
    const row = rows.at(-1);
    const first = row?.[0];
    const middle = line.box.y + line.box.height / 2;
    if (row && first && middle <= first.box.y + first.box.height) row.push(line);
    else rows.push([line]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.box.x - b.box.x));
}

export function mergeLines(pageLines: readonly OcrLine[], regionLines: readonly OcrLine[]): OcrLine[] {
  return readingOrder(joinFragments(addRegionLines(pageLines, regionLines)));
}
