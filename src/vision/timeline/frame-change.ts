/**
 * Where a sampled frame differs from the frame whose text was last read, and whether the difference
 * is only a blinking caret.
 *
 * The greyscale thumbnail (ffmpeg's area-averaged one) says roughly where; the full-resolution RGB
 * inside those places says exactly where and what shape. A caret is a thin upright bar; a changed word
 * is not. Compression noise stays below both thresholds.
 */
import type { SampledFrame } from '../../media/sample-changed-frames.js';
import type { Box } from '../../screen/box.js';

export interface ChangedPlace {
  /** Bounding box of the changed pixels, at full resolution. */
  box: Box;
  /** Changed pixels inside it. */
  pixels: number;
  /** A thin upright bar: the text caret blinking or moving, which changes no text. */
  caret: boolean;
}

export interface FrameChange {
  places: ChangedPlace[];
  /** Changed pixels as a share of the frame, 0..1. */
  area: number;
}

/**
 * Thumbnail grey levels: a pixel averages a few full-resolution ones, so noise averages out while a
 * changed glyph stroke still moves it by more than this.
 */
const THUMB_NOISE = 12;
/**
 * A cell whose pixels moved this much on average has drifted: a fade in or out that never changes any
 * one pixel by PIXEL_NOISE from the frame last read, and would otherwise leave faded text unread, or
 * text that faded away still in the timeline. Codec noise averages well below it.
 */
const DRIFT = 6;
/** Full-resolution luma difference that is a real change, not codec ringing around text. */
const PIXEL_NOISE = 40;
/** Fewer changed pixels than this in a place is noise. */
const MIN_PIXELS = 4;
/** Thumbnail pixels are grouped into cells this wide before grouping; a cell apart still joins. */
const CELL = 4;

interface Frame {
  width: number;
  height: number;
  rgb: Uint8Array;
}

function luma(rgb: Uint8Array, i: number): number {
  return (77 * rgb[i]! + 150 * rgb[i + 1]! + 29 * rgb[i + 2]!) >> 8;
}

/** Cells of the thumbnail holding a changed pixel, or drifted as a whole, as a grid of 0/1. */
function changedCells(a: SampledFrame, b: SampledFrame): { cells: Uint8Array; columns: number; rows: number; any: boolean } {
  const { width, height } = a.thumb;
  const columns = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const cells = new Uint8Array(columns * rows);
  const drift = new Float32Array(columns * rows);
  const pa = a.thumb.pixels;
  const pb = b.thumb.pixels;
  let any = false;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const cellRow = ((y / CELL) | 0) * columns;
    for (let x = 0; x < width; x++) {
      const d = pa[row + x]! - pb[row + x]!;
      const cell = cellRow + ((x / CELL) | 0);
      drift[cell] = drift[cell]! + (d < 0 ? -d : d);
      if (d > THUMB_NOISE || d < -THUMB_NOISE) {
        cells[cell] = 1;
        any = true;
      }
    }
  }
  for (let cell = 0; cell < cells.length; cell++) {
    if (cells[cell] || drift[cell]! < DRIFT * CELL * CELL) continue;
    cells[cell] = 1;
    any = true;
  }
  return { cells, columns, rows, any };
}

/** Groups of touching changed cells (8-neighbours), as boxes in cell units. */
function cellGroups(cells: Uint8Array, columns: number, rows: number): Box[] {
  const seen = new Uint8Array(cells.length);
  const groups: Box[] = [];
  const stack: number[] = [];
  for (let start = 0; start < cells.length; start++) {
    if (!cells[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let left = columns, top = rows, right = -1, bottom = -1;
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const cx = cell % columns;
      const cy = (cell - cx) / columns;
      if (cx < left) left = cx;
      if (cx > right) right = cx;
      if (cy < top) top = cy;
      if (cy > bottom) bottom = cy;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = cx + dx;
          const ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) continue;
          const next = ny * columns + nx;
          if (cells[next] && !seen[next]) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
    groups.push({ x: left, y: top, width: right - left + 1, height: bottom - top + 1 });
  }
  return groups;
}

/** The pixels inside a box of the full frame that moved by more than `noise`: how many and their bounding box. */
function measurePlace(a: Frame, b: Frame, area: Box, noise = PIXEL_NOISE): { box: Box; pixels: number } | null {
  let pixels = 0;
  let left = Infinity, top = Infinity, right = -1, bottom = -1;
  for (let y = area.y; y < area.y + area.height; y++) {
    for (let x = area.x, i = (y * a.width + x) * 3; x < area.x + area.width; x++, i += 3) {
      const d = luma(a.rgb, i) - luma(b.rgb, i);
      if (d <= noise && d >= -noise) continue;
      pixels++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  if (pixels < MIN_PIXELS) return null;
  return { box: { x: left, y: top, width: right - left + 1, height: bottom - top + 1 }, pixels };
}

/**
 * A caret is at most a few pixels wide (one CSS pixel, smeared by scaling and the codec), about a line
 * of text tall, and mostly solid. Sizes scale with the frame, as text does.
 */
function isCaret(place: { box: Box; pixels: number }, frameHeight: number): boolean {
  const scale = frameHeight / 720;
  const { width, height } = place.box;
  return width <= Math.max(3, Math.round(3 * scale)) && height >= 6 * scale && height <= 64 * scale && place.pixels >= 0.5 * width * height;
}

export function frameChange(anchor: SampledFrame, frame: SampledFrame, width: number, height: number): FrameChange {
  const { cells, columns, rows, any } = changedCells(anchor, frame);
  if (!any) return { places: [], area: 0 };
  const sx = width / anchor.thumb.width;
  const sy = height / anchor.thumb.height;
  const a: Frame = { width, height, rgb: anchor.rgb };
  const b: Frame = { width, height, rgb: frame.rgb };
  const places: ChangedPlace[] = [];
  let changed = 0;
  for (const group of cellGroups(cells, columns, rows)) {
    // One thumbnail pixel of margin: area averaging spreads a change over its neighbours.
    const x0 = Math.max(0, Math.floor((group.x * CELL - 1) * sx));
    const y0 = Math.max(0, Math.floor((group.y * CELL - 1) * sy));
    const x1 = Math.min(width, Math.ceil(((group.x + group.width) * CELL + 1) * sx));
    const y1 = Math.min(height, Math.ceil(((group.y + group.height) * CELL + 1) * sy));
    const area = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    // A fade moves pixels by less than PIXEL_NOISE: measured at the drift's own scale instead.
    const place = measurePlace(a, b, area) ?? measurePlace(a, b, area, DRIFT * 2);
    if (!place) continue;
    changed += place.pixels;
    places.push({ ...place, caret: isCaret(place, height) });
  }
  return { places, area: changed / (width * height) };
}
