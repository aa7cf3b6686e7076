/**
 * Cuts the page image into horizontal bands, one per worker, so one page pass uses the whole pool.
 *
 * Tesseract's time grows with the text on the page (about 40 ms per 650 px line), and a page pass on one
 * worker left the others idle. Cuts fall only in the middle of runs of blank rows, so no glyph is ever
 * cut and each band keeps a margin above and below its text; they are placed to share the ink, not the
 * height, between bands. A page without ink gives no band, and costs no tesseract call.
 */
import type { GreyImage } from './grey-image.js';

export interface PageBand {
  /** First page row of the band. */
  top: number;
  image: GreyImage;
}

/** Pixels this much darker than their row's lightest are ink; a row with none is blank. */
const INK_CONTRAST = 32;
/**
 * A gap must be this tall to cut in: half of it is the margin each band keeps. Tesseract needs the
 * room: 14 px text read at 0.91 with 8 px above it, at 0.42 with 5 px.
 */
const MIN_GAP = 24;

interface RowProfile {
  /** Ink pixels above each row: entry y counts rows 0..y-1, the last entry the whole page. */
  inkAbove: Float64Array;
  /** Middles of the runs of at least MIN_GAP blank rows, page edges excluded. */
  gapMiddles: number[];
}

function rowInk(page: GreyImage, y: number): number {
  const start = y * page.width;
  const end = start + page.width;
  let lightest = 0;
  for (let i = start; i < end; i++) if (page.data[i]! > lightest) lightest = page.data[i]!;
  let ink = 0;
  for (let i = start; i < end; i++) if (page.data[i]! < lightest - INK_CONTRAST) ink++;
  return ink;
}

function profile(page: GreyImage): RowProfile {
  const inkAbove = new Float64Array(page.height + 1);
  const gapMiddles: number[] = [];
  let gapStart = -1;
  for (let y = 0; y < page.height; y++) {
    const ink = rowInk(page, y);
    inkAbove[y + 1] = inkAbove[y]! + ink;
    if (ink === 0 && gapStart < 0) gapStart = y;
    if (ink > 0 && gapStart >= 0) {
      if (gapStart > 0 && y - gapStart >= MIN_GAP) gapMiddles.push(Math.round((gapStart + y) / 2));
      gapStart = -1;
    }
  }
  return { inkAbove, gapMiddles };
}

function band(page: GreyImage, top: number, bottom: number): PageBand {
  return {
    top,
    image: { width: page.width, height: bottom - top, data: page.data.subarray(top * page.width, bottom * page.width) },
  };
}

/** Up to `count` bands holding about equal ink, each with some; fewer when the gaps do not allow it. */
export function splitIntoBands(page: GreyImage, count: number): PageBand[] {
  const { inkAbove, gapMiddles } = profile(page);
  const total = inkAbove[page.height]!;
  if (total === 0) return [];
  const cuts = new Set<number>();
  for (let k = 1; k < count && gapMiddles.length > 0; k++) {
    const target = (k * total) / count;
    const distance = (y: number): number => Math.abs(inkAbove[y]! - target);
    cuts.add(gapMiddles.reduce((best, y) => (distance(y) < distance(best) ? y : best)));
  }
  const edges = [0, ...[...cuts].sort((a, b) => a - b), page.height];
  return edges.slice(1).map((bottom, i) => band(page, edges[i]!, bottom));
}
