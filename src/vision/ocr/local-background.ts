/**
 * The colours text stands on, everywhere on the page.
 *
 * One page background is not enough to find text on a game board, a translucent overlay or a tile: there
 * the text stands on the board's, the overlay's or the tile's colour, and where it crosses from one to
 * the other both are background. So every tile of the page gets the flat colours that cover its
 * neighbourhood: the flat areas vote for their colour in a window of tiles around each tile (see
 * flat-votes.ts), and the colours with a fair share of the votes are that tile's backgrounds.
 *
 * Within a box of one solid colour found by the layout (a button, a badge, a tile: see text-regions.ts)
 * its fill is the only background, to the pixel: a tile-sized window cannot follow its edge, and would
 * take the white letters on a brown button for the white page around it.
 */
import type { BlockGrid } from './block-grid.js';
import { flatVotes, Votes } from './flat-votes.js';
import type { Rgb, RgbImage } from './rgb-image.js';
import type { ColourRegion, PageLayout } from './text-regions.js';

export interface BackgroundMap {
  /** Side of a tile in pixels. */
  tileSize: number;
  columns: number;
  rows: number;
  /**
   * MAX_BACKGROUNDS colours per tile, row-major, three values each, most voted first; unused entries
   * repeat the first, so every tile is tested against all of them without a count.
   */
  colours: Float32Array;
  /** Solid boxes, and for each tile the ones overlapping it (mostly none). */
  surfaces: readonly ColourRegion[];
  surfacesOfTile: ReadonlyArray<readonly ColourRegion[]>;
}

const MAX_BACKGROUNDS = 3;
/**
 * A surface is solid when its fill covers this share of its box and MIN_EDGE_FILL of its edges, within
 * SAME_FILL. The layout also takes the thick strokes of a big bold digit for a region; such a "fill"
 * would hollow the digit out.
 */
const MIN_SURFACE_FILL = 0.7;
const MIN_EDGE_FILL = 0.85;
const SAME_FILL = 28;
/** A tile is this many blocks wide and tall. */
const TILE_BLOCKS = 4;
/**
 * Tiles on each side of a tile that vote for its backgrounds: a 3×3 window, 48 px at 720p, widened up
 * to MAX_WINDOW_RADIUS where no flat area is that near (large text on a narrow strip between tiles).
 */
const WINDOW_RADIUS = 1;
const MAX_WINDOW_RADIUS = 3;
/** A colour with this share of a window's votes is one of its backgrounds. */
const MIN_VOTE_SHARE = 0.2;
/** ...if it has a wide flat area within this many tiles (128 px at 720p): the inside of a stroke has none. */
const WIDE_AREA_RADIUS = 8;
function surfacesByTile(surfaces: readonly ColourRegion[], tileSize: number, columns: number, rows: number): ColourRegion[][] {
  const byTile = Array.from({ length: columns * rows }, (): ColourRegion[] => []);
  for (const surface of surfaces) {
    const { x, y, width, height } = surface.box;
    for (let row = Math.floor(y / tileSize); row <= Math.min(rows - 1, Math.floor((y + height - 1) / tileSize)); row++) {
      for (let column = Math.floor(x / tileSize); column <= Math.min(columns - 1, Math.floor((x + width - 1) / tileSize)); column++) {
        byTile[row * columns + column]!.push(surface);
      }
    }
  }
  return byTile;
}

/** Whether the fill covers most of the box and nearly all of its edges, as on a button, not a bold digit. */
function isSolid(image: RgbImage, { box, fill }: ColourRegion): boolean {
  const filled = (x: number, y: number): number => {
    const i = (y * image.width + x) * 3;
    return (image.data[i]! - fill[0]) ** 2 + (image.data[i + 1]! - fill[1]) ** 2 + (image.data[i + 2]! - fill[2]) ** 2 <= SAME_FILL ** 2 ? 1 : 0;
  };
  const right = box.x + box.width - 1, bottom = box.y + box.height - 1;
  let inside = 0, edges = 0;
  for (let y = box.y; y <= bottom; y++) for (let x = box.x; x <= right; x++) inside += filled(x, y);
  for (let x = box.x; x <= right; x++) edges += filled(x, box.y) + filled(x, bottom);
  for (let y = box.y; y <= bottom; y++) edges += filled(box.x, y) + filled(right, y);
  return inside >= MIN_SURFACE_FILL * box.width * box.height && edges >= MIN_EDGE_FILL * 2 * (box.width + box.height);
}

/** The page background stands where no flat area is near: inside a photo, or dense text. */
export function backgroundMap(image: RgbImage, grid: BlockGrid, layout: PageLayout): BackgroundMap {
  const fallback = layout.background;
  const surfaces = layout.surfaces.filter((surface) => isSolid(image, surface));
  const tileSize = grid.size * TILE_BLOCKS;
  const columns = Math.ceil(grid.columns / TILE_BLOCKS);
  const rows = Math.ceil(grid.rows / TILE_BLOCKS);
  const votes = flatVotes(grid, { tileBlocks: TILE_BLOCKS, columns, rows });
  const colours = new Float32Array(columns * rows * MAX_BACKGROUNDS * 3);
  const window = new Votes();
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const wide = (key: number): boolean =>
        votes.wideAreaWithin(key, column - WIDE_AREA_RADIUS, row - WIDE_AREA_RADIUS, column + WIDE_AREA_RADIUS, row + WIDE_AREA_RADIUS);
      let found: Array<[number, number, number]> = [];
      for (let radius = WINDOW_RADIUS; radius <= MAX_WINDOW_RADIUS && found.length === 0; radius++) {
        window.clear();
        for (let r = Math.max(0, row - radius); r <= Math.min(rows - 1, row + radius); r++) {
          for (let c = Math.max(0, column - radius); c <= Math.min(columns - 1, column + radius); c++) window.addAll(votes.near[r * columns + c]!);
        }
        found = window.ranked(MIN_VOTE_SHARE, wide).map((index) => window.colour(index));
      }
      const tile = (row * columns + column) * MAX_BACKGROUNDS * 3;
      for (let k = 0; k < MAX_BACKGROUNDS; k++) colours.set(found[k] ?? found[0] ?? fallback, tile + k * 3);
    }
  }
  return { tileSize, columns, rows, colours, surfaces, surfacesOfTile: surfacesByTile(surfaces, tileSize, columns, rows) };
}

/** The most voted background of the tile holding page pixel (x, y). */
export function tileBackground(map: BackgroundMap, x: number, y: number): Rgb {
  const c = (Math.floor(y / map.tileSize) * map.columns + Math.floor(x / map.tileSize)) * MAX_BACKGROUNDS * 3;
  return [map.colours[c]!, map.colours[c + 1]!, map.colours[c + 2]!];
}

/** The background page pixel (x, y) stands on: the nearest of those it may stand on. */
export function nearestBackground(map: BackgroundMap, data: Uint8Array, width: number, x: number, y: number): Rgb {
  const i = (y * width + x) * 3;
  const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
  const tile = Math.floor(y / map.tileSize) * map.columns + Math.floor(x / map.tileSize);
  // Surfaces come largest first: the last one holding the pixel is the innermost, a tile on a board.
  const surface = map.surfacesOfTile[tile]!.findLast(
    ({ box }) => x >= box.x && y >= box.y && x < box.x + box.width && y < box.y + box.height,
  );
  if (surface) return surface.fill;
  let nearest = Infinity, colour = tile * MAX_BACKGROUNDS * 3;
  for (let k = 0, c = colour; k < MAX_BACKGROUNDS; k++, c += 3) {
    const distance = (r - map.colours[c]!) ** 2 + (g - map.colours[c + 1]!) ** 2 + (b - map.colours[c + 2]!) ** 2;
    if (distance < nearest) [nearest, colour] = [distance, c];
  }
  return [map.colours[colour]!, map.colours[colour + 1]!, map.colours[colour + 2]!];
}

/** Squared RGB distance from page pixel (x, y) to the nearest of the backgrounds it may stand on. */
export function backgroundDistanceSquared(map: BackgroundMap, data: Uint8Array, width: number, x: number, y: number): number {
  const i = (y * width + x) * 3;
  const [r, g, b] = nearestBackground(map, data, width, x, y);
  return (data[i]! - r) ** 2 + (data[i + 1]! - g) ** 2 + (data[i + 2]! - b) ** 2;
}
