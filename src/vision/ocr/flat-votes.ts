/**
 * Votes of the page's flat areas for their colour, tile by tile: what local-background.ts makes the
 * backgrounds of each tile from.
 *
 * A block votes when it lies inside a flat area, not on its edge: the blocks around it are flat and of
 * its colour. Inside a flat area 3 blocks across (12 px at 720p) is enough for a strip of page between a
 * header and a field; the inside of the strokes of a big bold title is that wide too, but a background
 * also has flat areas 5 blocks across somewhere near, and a stroke has none.
 */
import type { BlockGrid } from './block-grid.js';

/** Neighbouring flat blocks this close in colour (per channel) are one flat area. */
const SAME_FLAT = 16;
/** Blocks on each side of a voting block that must be flat and alike. */
const NEAR_REACH = 1;
const WIDE_REACH = 2;

/** Colours are keyed by 16 levels a channel. */
const keyOf = (r: number, g: number, b: number): number => ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);

/** Whether blocks `a` and `b` are both flat and of one colour. */
function sameFlat(grid: BlockGrid, a: number, b: number): boolean {
  if (!grid.uniform[a] || !grid.uniform[b]) return false;
  const { mean } = grid;
  return (
    Math.abs(mean[a * 3]! - mean[b * 3]!) <= SAME_FLAT &&
    Math.abs(mean[a * 3 + 1]! - mean[b * 3 + 1]!) <= SAME_FLAT &&
    Math.abs(mean[a * 3 + 2]! - mean[b * 3 + 2]!) <= SAME_FLAT
  );
}

/**
 * For every block, how many blocks in a row, up to `limit`, are flat and alike from it towards one side:
 * `step` is -1 (left), 1 (right), -columns (up) or columns (down).
 */
function flatRuns(grid: BlockGrid, step: number, limit: number): Uint8Array {
  const { columns, rows } = grid;
  const runs = new Uint8Array(columns * rows);
  const horizontal = Math.abs(step) === 1;
  // Walk against the step, so that each block's neighbour towards `step` already has its run.
  const forward = step < 0;
  for (let n = 0; n < columns * rows; n++) {
    const block = forward ? n : columns * rows - 1 - n;
    const neighbour = block + step;
    const column = block % columns;
    const outside = horizontal ? (step < 0 ? column === 0 : column === columns - 1) : neighbour < 0 || neighbour >= columns * rows;
    if (outside || !sameFlat(grid, block, neighbour)) continue;
    runs[block] = Math.min(limit, runs[neighbour]! + 1);
  }
  return runs;
}

/**
 * 1 for blocks inside a flat area: the square of `reach` blocks around it is flat and of its colour
 * (measured along its rows and columns). A cross would not do: it fits where two strokes meet.
 */
function insideFlatAreas(grid: BlockGrid, [left, right, up, down]: readonly Uint8Array[], reach: number): Uint8Array {
  const { columns } = grid;
  const count = columns * grid.rows;
  const alongRow = new Uint8Array(count);
  for (let block = 0; block < count; block++) alongRow[block] = left![block]! >= reach && right![block]! >= reach ? 1 : 0;
  const inside = new Uint8Array(count);
  for (let block = 0; block < count; block++) {
    if (!alongRow[block] || up![block]! < reach || down![block]! < reach) continue;
    let square = true;
    for (let d = 1; d <= reach && square; d++) square = alongRow[block - d * columns] === 1 && alongRow[block + d * columns] === 1;
    inside[block] = square ? 1 : 0;
  }
  return inside;
}

/**
 * Votes, as parallel arrays: colour key, block count, RGB sums. A window holds a handful of colours, so a
 * linear search beats a map.
 */
export class Votes {
  keys: number[] = [];
  counts: number[] = [];
  sums: number[] = [];

  add(key: number, count: number, r: number, g: number, b: number): void {
    let index = this.keys.indexOf(key);
    if (index < 0) {
      index = this.keys.push(key) - 1;
      this.counts.push(0);
      this.sums.push(0, 0, 0);
    }
    this.counts[index]! += count;
    this.sums[index * 3]! += r;
    this.sums[index * 3 + 1]! += g;
    this.sums[index * 3 + 2]! += b;
  }

  addAll(other: Votes): void {
    for (let i = 0; i < other.keys.length; i++) {
      this.add(other.keys[i]!, other.counts[i]!, other.sums[i * 3]!, other.sums[i * 3 + 1]!, other.sums[i * 3 + 2]!);
    }
  }

  clear(): void {
    this.keys.length = 0;
    this.counts.length = 0;
    this.sums.length = 0;
  }

  /** Indices of the colours passing `keep` with at least `share` of their votes, most voted first. */
  ranked(share: number, keep: (key: number) => boolean): number[] {
    const indices = this.keys.map((_, index) => index).filter((index) => keep(this.keys[index]!));
    const total = indices.reduce((sum, index) => sum + this.counts[index]!, 0);
    return indices.filter((index) => this.counts[index]! >= share * total).sort((a, b) => this.counts[b]! - this.counts[a]!);
  }

  colour(index: number): [number, number, number] {
    const count = this.counts[index]!;
    return [this.sums[index * 3]! / count, this.sums[index * 3 + 1]! / count, this.sums[index * 3 + 2]! / count];
  }
}

/** The blocks of the grid cut into tiles of `tileBlocks` × `tileBlocks`. */
export interface Tiling {
  tileBlocks: number;
  columns: number;
  rows: number;
}

export interface FlatVotes {
  /** Per tile: the votes of its blocks inside flat areas 3 blocks across. */
  near: Votes[];
  /** Whether a colour has a flat area 5 blocks across within tiles `left..right`, `top..bottom`. */
  wideAreaWithin(key: number, left: number, top: number, right: number, bottom: number): boolean;
}

function nearVotes(grid: BlockGrid, tiling: Tiling, inside: Uint8Array): Votes[] {
  const votes = Array.from({ length: tiling.columns * tiling.rows }, () => new Votes());
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      const block = row * grid.columns + column;
      if (!inside[block]) continue;
      const r = grid.mean[block * 3]!, g = grid.mean[block * 3 + 1]!, b = grid.mean[block * 3 + 2]!;
      const tile = Math.floor(row / tiling.tileBlocks) * tiling.columns + Math.floor(column / tiling.tileBlocks);
      votes[tile]!.add(keyOf(r, g, b), 1, r, g, b);
    }
  }
  return votes;
}

/**
 * For each colour with wide flat areas, a summed-area table of those areas' blocks over the tiles, so
 * that any window of tiles is asked in constant time.
 */
function wideAreaTables(grid: BlockGrid, tiling: Tiling, inside: Uint8Array): Map<number, Int32Array> {
  const stride = tiling.columns + 1;
  const tables = new Map<number, Int32Array>();
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      const block = row * grid.columns + column;
      if (!inside[block]) continue;
      const key = keyOf(grid.mean[block * 3]!, grid.mean[block * 3 + 1]!, grid.mean[block * 3 + 2]!);
      let table = tables.get(key);
      if (!table) tables.set(key, (table = new Int32Array(stride * (tiling.rows + 1))));
      table[(Math.floor(row / tiling.tileBlocks) + 1) * stride + Math.floor(column / tiling.tileBlocks) + 1]!++;
    }
  }
  for (const table of tables.values()) {
    for (let row = 1; row <= tiling.rows; row++) {
      for (let column = 1; column <= tiling.columns; column++) {
        const i = row * stride + column;
        table[i]! += table[i - 1]! + table[i - stride]! - table[i - stride - 1]!;
      }
    }
  }
  return tables;
}

export function flatVotes(grid: BlockGrid, tiling: Tiling): FlatVotes {
  const runs = [-1, 1, -grid.columns, grid.columns].map((step) => flatRuns(grid, step, WIDE_REACH));
  const tables = wideAreaTables(grid, tiling, insideFlatAreas(grid, runs, WIDE_REACH));
  const stride = tiling.columns + 1;
  return {
    near: nearVotes(grid, tiling, insideFlatAreas(grid, runs, NEAR_REACH)),
    wideAreaWithin(key, left, top, right, bottom) {
      const table = tables.get(key);
      if (!table) return false;
      const l = Math.max(0, left), t = Math.max(0, top);
      const r = Math.min(tiling.columns, right + 1), b = Math.min(tiling.rows, bottom + 1);
      return table[b * stride + r]! - table[t * stride + r]! - table[b * stride + l]! + table[t * stride + l]! > 0;
    },
  };
}
