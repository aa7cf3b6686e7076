/**
 * Reads parts of a frame: each area is cut out with a margin of the real screen around it (tesseract
 * needs room around a line, and the margin shows it the background), read on its own, and only the
 * lines centred inside the area are kept; the margin's half-cut neighbours are dropped.
 */
import { containsCentre, type Box } from '../../screen/box.js';
import type { RgbImage } from '../ocr/rgb-image.js';
import type { OcrLine, OcrResult } from '../../screen/ocr-text.js';

export type FrameReader = (image: RgbImage, signal?: AbortSignal) => Promise<OcrResult>;

/**
 * Margin of screen around an area, px at 720p: at least a little room, and about the area's height, so
 * that the page around a coloured banner outweighs the banner and the banner is read as a region on it.
 */
const MIN_MARGIN = 16;
const MAX_MARGIN = 64;

export interface AreaRead {
  lines: OcrLine[];
  illegible: Box[];
}

function cut(image: RgbImage, box: Box): RgbImage {
  const data = new Uint8Array(box.width * box.height * 3);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.y + y) * image.width + box.x) * 3;
    data.set(image.data.subarray(from, from + box.width * 3), y * box.width * 3);
  }
  return { width: box.width, height: box.height, data };
}

function shifted(box: Box, dx: number, dy: number): Box {
  return { x: box.x + dx, y: box.y + dy, width: box.width, height: box.height };
}

function lineShifted(line: OcrLine, dx: number, dy: number): OcrLine {
  return {
    ...line,
    box: shifted(line.box, dx, dy),
    words: line.words.map((word) => ({ ...word, box: shifted(word.box, dx, dy) })),
    ...(line.region ? { region: shifted(line.region, dx, dy) } : {}),
  };
}

async function readArea(image: RgbImage, area: Box, read: FrameReader, signal: AbortSignal | undefined): Promise<AreaRead> {
  const scale = Math.max(1, image.height / 720);
  const margin = Math.round(Math.min(MAX_MARGIN * scale, Math.max(MIN_MARGIN * scale, 0.75 * area.height)));
  const x = Math.max(0, area.x - margin);
  const y = Math.max(0, area.y - margin);
  const crop = { x, y, width: Math.min(image.width, area.x + area.width + margin) - x, height: Math.min(image.height, area.y + area.height + margin) - y };
  const result = await read(cut(image, crop), signal);
  const inside = (box: Box) => containsCentre(area, box);
  return {
    lines: result.lines.map((line) => lineShifted(line, x, y)).filter((line) => inside(line.box)),
    illegible: (result.illegible ?? []).map((box) => shifted(box, x, y)).filter(inside),
  };
}

export async function readAreas(image: RgbImage, areas: readonly Box[], read: FrameReader, signal?: AbortSignal): Promise<AreaRead> {
  const reads = await Promise.all(areas.map((area) => readArea(image, area, read, signal)));
  return { lines: reads.flatMap((r) => r.lines), illegible: reads.flatMap((r) => r.illegible) };
}
