import { PIXEL_IGNORED } from './classify-pixels.js';
import { pixelWords } from './pixel-words.js';

/**
 * Mean SSIM (Wang et al. 2004) on luminance over 8×8 windows placed every 4 pixels. The overlap keeps a
 * change that straddles a window border from being halved; plain means (no Gaussian weighting) let
 * each window be the sum of four 4×4 cells, so every pixel is read once and only two rows of cell sums
 * are kept: linear time, memory proportional to the width. Windows touching an ignored pixel are left out,
 * and so are the last 1–3 columns and rows when a side is not a multiple of 4.
 */

const CELL = 4;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/** Per-cell sums of one row of 4×4 cells: x, y, x², y², xy and the ignored-pixel count. */
class CellRow {
  readonly sumA: Float64Array;
  readonly sumB: Float64Array;
  readonly sumAA: Float64Array;
  readonly sumBB: Float64Array;
  readonly sumAB: Float64Array;
  readonly ignored: Uint16Array;

  constructor(cells: number) {
    this.sumA = new Float64Array(cells);
    this.sumB = new Float64Array(cells);
    this.sumAA = new Float64Array(cells);
    this.sumBB = new Float64Array(cells);
    this.sumAB = new Float64Array(cells);
    this.ignored = new Uint16Array(cells);
  }

  clear(): void {
    this.sumA.fill(0);
    this.sumB.fill(0);
    this.sumAA.fill(0);
    this.sumBB.fill(0);
    this.sumAB.fill(0);
    this.ignored.fill(0);
  }
}

/**
 * Integer Rec. 601 luma of a pixel read as one 32-bit word (R in the low byte); alpha is
 * left out (screens are opaque, and SSIM is a structural measure).
 */
function luma(word: number): number {
  return (77 * (word & 0xff) + 150 * ((word >>> 8) & 0xff) + 29 * ((word >>> 16) & 0xff)) >> 8;
}

function fillCellRow(row: CellRow, a: Uint32Array, b: Uint32Array, states: Uint8Array, width: number, cellY: number): void {
  row.clear();
  const cells = row.sumA.length;
  for (let y = cellY * CELL; y < (cellY + 1) * CELL; y++) {
    for (let cell = 0; cell < cells; cell++) {
      // Sums of one cell's 4 pixels on this row in locals: one typed-array write per cell, not per pixel.
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      let ignored = 0;
      const first = y * width + cell * CELL;
      for (let i = first; i < first + CELL; i++) {
        if (states[i] === PIXEL_IGNORED) {
          ignored++;
          continue;
        }
        const la = luma(a[i]!);
        const lb = a[i] === b[i] ? la : luma(b[i]!);
        sa += la;
        sb += lb;
        saa += la * la;
        sbb += lb * lb;
        sab += la * lb;
      }
      row.sumA[cell]! += sa;
      row.sumB[cell]! += sb;
      row.sumAA[cell]! += saa;
      row.sumBB[cell]! += sbb;
      row.sumAB[cell]! += sab;
      row.ignored[cell]! += ignored;
    }
  }
}

function ssimOf(n: number, sa: number, sb: number, saa: number, sbb: number, sab: number): number {
  const ma = sa / n;
  const mb = sb / n;
  const va = saa / n - ma * ma;
  const vb = sbb / n - mb * mb;
  const cov = sab / n - ma * mb;
  return ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
}

/** Mean SSIM of two same-size RGBA images; 1 when no window could be measured (all ignored, or under 8 px). */
export function meanSsim(a: Uint8Array, b: Uint8Array, width: number, height: number, states: Uint8Array): number {
  const cellsX = Math.floor(width / CELL);
  const cellsY = Math.floor(height / CELL);
  if (cellsX < 2 || cellsY < 2) return 1;
  const wordsA = pixelWords(a);
  const wordsB = pixelWords(b);
  let upper = new CellRow(cellsX);
  let lower = new CellRow(cellsX);
  fillCellRow(upper, wordsA, wordsB, states, width, 0);
  let total = 0;
  let windows = 0;
  const n = (2 * CELL) ** 2;
  for (let cy = 1; cy < cellsY; cy++) {
    fillCellRow(lower, wordsA, wordsB, states, width, cy);
    for (let cx = 0; cx + 1 < cellsX; cx++) {
      const c = cx + 1;
      if (upper.ignored[cx]! + upper.ignored[c]! + lower.ignored[cx]! + lower.ignored[c]! > 0) continue;
      total += ssimOf(
        n,
        upper.sumA[cx]! + upper.sumA[c]! + lower.sumA[cx]! + lower.sumA[c]!,
        upper.sumB[cx]! + upper.sumB[c]! + lower.sumB[cx]! + lower.sumB[c]!,
        upper.sumAA[cx]! + upper.sumAA[c]! + lower.sumAA[cx]! + lower.sumAA[c]!,
        upper.sumBB[cx]! + upper.sumBB[c]! + lower.sumBB[cx]! + lower.sumBB[c]!,
        upper.sumAB[cx]! + upper.sumAB[c]! + lower.sumAB[cx]! + lower.sumAB[c]!,
      );
      windows++;
    }
    [upper, lower] = [lower, upper];
  }
  return windows === 0 ? 1 : total / windows;
}
