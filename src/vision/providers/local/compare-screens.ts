import sharp from 'sharp';
import type { Box, OcrResult, ScreenComparison } from '../../types.js';

const THUMB_WIDTH = 320;
const TILE = 8;
const PIXEL_NOISE = 24;

/** RGB, not grey: a blue button turned green can keep its brightness. */
async function rgbThumbnail(file: string, width: number, height: number): Promise<Buffer> {
  return sharp(file).resize(width, height, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
}

/** Which thumbnail pixels differ beyond compression noise in any channel. */
function changedPixels(a: Buffer, b: Buffer, count: number): Uint8Array {
  const mask = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const j = i * 3;
    const d = Math.max(Math.abs(a[j]! - b[j]!), Math.abs(a[j + 1]! - b[j + 1]!), Math.abs(a[j + 2]! - b[j + 2]!));
    if (d > PIXEL_NOISE) mask[i] = 1;
  }
  return mask;
}

/** Changed tiles of the thumbnail grid, joined into boxes (4-connected), in pixels of the full screen. */
function changedRegions(mask: Uint8Array, width: number, height: number, scaleX: number, scaleY: number): Box[] {
  const cols = Math.ceil(width / TILE);
  const rows = Math.ceil(height / TILE);
  const changed = new Uint8Array(cols * rows);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) changed[Math.floor(y / TILE) * cols + Math.floor(x / TILE)] = 1;
    }
  }
  const seen = new Uint8Array(cols * rows);
  const boxes: Box[] = [];
  for (let start = 0; start < changed.length; start++) {
    if (!changed[start] || seen[start]) continue;
    let [x0, y0, x1, y1] = [start % cols, Math.floor(start / cols), start % cols, Math.floor(start / cols)];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const cell = stack.pop()!;
      const cx = cell % cols;
      const cy = Math.floor(cell / cols);
      [x0, y0, x1, y1] = [Math.min(x0, cx), Math.min(y0, cy), Math.max(x1, cx), Math.max(y1, cy)];
      for (const [nx, ny] of [[cx - 1, cy], [cx + 1, cy], [cx, cy - 1], [cx, cy + 1]] as const) {
        const n = ny * cols + nx;
        if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && changed[n] && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    boxes.push({
      x: Math.round(x0 * TILE * scaleX),
      y: Math.round(y0 * TILE * scaleY),
      width: Math.round((x1 - x0 + 1) * TILE * scaleX),
      height: Math.round((y1 - y0 + 1) * TILE * scaleY),
    });
  }
  return boxes.sort((p, q) => q.width * q.height - p.width * p.height);
}

function textChanges(before: OcrResult, after: OcrResult): string[] {
  const norm = (t: string) => t.trim().toLowerCase();
  const was = new Set(before.lines.map((l) => norm(l.text)));
  const now = new Set(after.lines.map((l) => norm(l.text)));
  return [
    ...after.lines.filter((l) => !was.has(norm(l.text))).map((l) => `Text appeared: '${l.text}'`),
    ...before.lines.filter((l) => !now.has(norm(l.text))).map((l) => `Text disappeared: '${l.text}'`),
  ];
}

/**
 * The offline comparison: pixels on a 320-px thumbnail, grouped in 8-px tiles (32 px on a 1280-px
 * screen), for where; OCR for what changed in words. Drift against baselines needs more
 * (anti-aliasing detection, SSIM, masks); this is the operation every provider offers.
 */
export async function compareScreens(before: string, after: string, ocr: (file: string) => Promise<OcrResult>): Promise<ScreenComparison> {
  const meta = await sharp(after).metadata();
  const width = meta.width ?? THUMB_WIDTH;
  const height = meta.height ?? THUMB_WIDTH;
  const thumbHeight = Math.max(8, Math.round((THUMB_WIDTH * height) / width));
  const [a, b, textBefore, textAfter] = await Promise.all([
    rgbThumbnail(before, THUMB_WIDTH, thumbHeight),
    rgbThumbnail(after, THUMB_WIDTH, thumbHeight),
    ocr(before),
    ocr(after),
  ]);
  const mask = changedPixels(a, b, THUMB_WIDTH * thumbHeight);
  const changedShare = mask.reduce((sum, v) => sum + v, 0) / mask.length;
  const changes = textChanges(textBefore, textAfter);
  const beforeMeta = await sharp(before).metadata();
  if (beforeMeta.width !== width || beforeMeta.height !== height) {
    changes.unshift(`Size changed: ${beforeMeta.width}×${beforeMeta.height} → ${width}×${height}`);
  }
  return {
    similarity: Number((1 - changedShare).toFixed(4)),
    regions: changedRegions(mask, THUMB_WIDTH, thumbHeight, width / THUMB_WIDTH, height / thumbHeight),
    changes,
  };
}
