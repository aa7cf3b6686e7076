import type { Box } from '../screen/box.js';
import { PIXEL_CHANGED } from './classify-pixels.js';
import type { ChangedRegion } from './drift-types.js';

/**
 * Changed pixels clustered into boxes on a coarse grid: a cell holding any changed pixel is marked, the
 * marks grow by one cell so changes up to a cell apart join (a word's letters, a button and its label),
 * and each 8-connected group of cells becomes one region whose box is the tight bound of its changed pixels.
 */

const CELL = 8;

interface CellGrid {
  columns: number;
  rows: number;
  /** Changed pixels per cell. */
  counts: Uint32Array;
  /** Tight bounds of the changed pixels per cell, valid where counts > 0. */
  minX: Uint16Array;
  minY: Uint16Array;
  maxX: Uint16Array;
  maxY: Uint16Array;
}

function gridOfChanges(states: Uint8Array, width: number, height: number): CellGrid {
  const columns = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const cells = columns * rows;
  const grid: CellGrid = {
    columns,
    rows,
    counts: new Uint32Array(cells),
    minX: new Uint16Array(cells).fill(0xffff),
    minY: new Uint16Array(cells).fill(0xffff),
    maxX: new Uint16Array(cells),
    maxY: new Uint16Array(cells),
  };
  for (let y = 0; y < height; y++) {
    const rowStart = y * width;
    const cellRow = ((y / CELL) | 0) * columns;
    for (let x = 0; x < width; x++) {
      if (states[rowStart + x] !== PIXEL_CHANGED) continue;
      const cell = cellRow + ((x / CELL) | 0);
      grid.counts[cell]!++;
      if (x < grid.minX[cell]!) grid.minX[cell] = x;
      if (x > grid.maxX[cell]!) grid.maxX[cell] = x;
      if (y < grid.minY[cell]!) grid.minY[cell] = y;
      if (y > grid.maxY[cell]!) grid.maxY[cell] = y;
    }
  }
  return grid;
}

/** Cells with a change, grown by one cell in every direction. */
function dilatedMarks(grid: CellGrid): Uint8Array {
  const { columns, rows, counts } = grid;
  const marks = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (counts[row * columns + column] === 0) continue;
      for (let r = Math.max(0, row - 1); r <= Math.min(rows - 1, row + 1); r++) {
        marks.fill(1, r * columns + Math.max(0, column - 1), r * columns + Math.min(columns - 1, column + 1) + 1);
      }
    }
  }
  return marks;
}

/** Regions of changed pixels, largest first. `screenPixels` is the compared area in pixels, for areaShare. */
export function changedRegions(states: Uint8Array, width: number, height: number, screenPixels: number): ChangedRegion[] {
  const grid = gridOfChanges(states, width, height);
  const { columns, rows, counts } = grid;
  const marks = dilatedMarks(grid);
  const stack = new Int32Array(columns * rows);
  const regions: ChangedRegion[] = [];
  for (let seed = 0; seed < marks.length; seed++) {
    if (marks[seed] !== 1) continue;
    marks[seed] = 2;
    let top = 0;
    stack[top++] = seed;
    let pixels = 0;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -1;
    let y1 = -1;
    while (top > 0) {
      const cell = stack[--top]!;
      if (counts[cell]! > 0) {
        pixels += counts[cell]!;
        x0 = Math.min(x0, grid.minX[cell]!);
        y0 = Math.min(y0, grid.minY[cell]!);
        x1 = Math.max(x1, grid.maxX[cell]!);
        y1 = Math.max(y1, grid.maxY[cell]!);
      }
      const row = (cell / columns) | 0;
      const column = cell - row * columns;
      for (let r = Math.max(0, row - 1); r <= Math.min(rows - 1, row + 1); r++) {
        for (let c = Math.max(0, column - 1); c <= Math.min(columns - 1, column + 1); c++) {
          const next = r * columns + c;
          if (marks[next] !== 1) continue;
          marks[next] = 2;
          stack[top++] = next;
        }
      }
    }
    const box: Box = { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
    regions.push({ box, areaShare: pixels / screenPixels, pixels });
  }
  return regions.sort((a, b) => b.pixels - a.pixels);
}
