/**
 * Finds the solid coloured areas of a page (buttons, banners, header bars, badges).
 *
 * Tesseract reads a whole page by thresholding it once, so light text on a coloured fill inside a light
 * page comes out as a dark blob and is lost. Each area found here is either read from its own crop or
 * rewritten in the page image (see page-image.ts).
 *
 * The search runs on block grids: the flat blocks give the page's dominant background; blocks mostly
 * off that background are grouped into connected areas of one colour, whose bounding boxes are then
 * snapped to the real edges at full resolution.
 */
import type { Box } from '../../screen/box.js';
import { blockColour, blockGrid, offBackgroundGrid, type BlockGrid, type OffBackgroundGrid } from './block-grid.js';
import type { FillSlope } from './region-fill.js';
import { colourDistanceSquared, pixelAt, type Rgb, type RgbImage } from './rgb-image.js';
import { joinPieces } from './surface-pieces.js';

export interface ColourRegion {
  box: Box;
  /** The region's fill colour (a gradient's, at the box's centre); anything on it far from the fill is ink. */
  fill: Rgb;
  /** Set on a gradient: how its fill changes across the box (see region-fill.ts, surface-pieces.ts). */
  slope?: FillSlope;
}

export interface PageLayout {
  /** The colour covering most of the page. */
  background: Rgb;
  /**
   * Largest first, at most MAX_REGIONS: the ones read from their own crops. A surface found in pieces
   * (a gradient, a band cut by its letters) is one region here (see surface-pieces.ts).
   */
  regions: ColourRegion[];
  /**
   * Every area of one solid fill found, largest first: the backgrounds text may stand on (see
   * local-background.ts). A game board's sixteen tiles are more than are worth a crop each.
   */
  surfaces: ColourRegion[];
}

const MAX_REGIONS = 12;
const MAX_SURFACES = 64;
/** How far (RGB distance) a fill must be from the background to count as a region. */
const REGION_DISTANCE = 48;
/** Neighbouring blocks closer than this belong to the same fill. */
const SAME_FILL_DISTANCE = 32;
/** Smaller areas cannot hold a readable word; they are icons, bullets or thick strokes of big text. */
const MIN_REGION_WIDTH = 24;
const MIN_REGION_HEIGHT = 14;
/** An area covering most of the page is a second background, read by the page pass. */
const MAX_REGION_AREA_SHARE = 0.6;
/**
 * A block this much off the background belongs to a region. Lower than 1 so that blocks holding a
 * piece of a letter count too: on a small badge, nearly every block does.
 */
const MIN_BLOCK_SHARE = 0.6;
/** Below this share of region blocks in its box, an area is an irregular shape rather than a filled box. */
const MIN_FILLED_SHARE = 0.4;
/**
 * Letters cut a badge at most this many blocks tall (24 px at 720p) in pieces, in runs at most
 * MAX_LETTER_RUN times as wide as the badge is tall between columns of fill.
 */
const MAX_TIGHT_BADGE_BLOCKS = 6;
const MAX_LETTER_RUN = 3;
/**
 * Along the padding above and below such letters, a pixel this close to the fill is fill: a video's
 * saturated red varies by more than SAME_FILL_DISTANCE from pixel to pixel.
 */
const PADDING_DISTANCE = REGION_DISTANCE;
/** When snapping an edge outwards, the share of a pixel row or column that must match the fill. */
const EDGE_MATCH_SHARE = 0.6;

/** Blocks grouped by colour quantised to 16 levels a channel; the most populated group is the background. */
function dominantBackground(grid: BlockGrid): Rgb {
  const counts = new Map<number, { blocks: number; sum: [number, number, number] }>();
  let flatBlocks = 0;
  for (let block = 0; block < grid.uniform.length; block++) {
    if (!grid.uniform[block]) continue;
    flatBlocks++;
    const [r, g, b] = blockColour(grid, block);
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    const bin = counts.get(key) ?? { blocks: 0, sum: [0, 0, 0] };
    bin.blocks++;
    bin.sum[0] += r;
    bin.sum[1] += g;
    bin.sum[2] += b;
    counts.set(key, bin);
  }
  if (flatBlocks === 0) return [255, 255, 255];
  const best = [...counts.values()].reduce((a, b) => (b.blocks > a.blocks ? b : a));
  return [best.sum[0] / best.blocks, best.sum[1] / best.blocks, best.sum[2] / best.blocks];
}

interface BlockComponent {
  fill: Rgb;
  blocks: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** 4-connected flood fill over blocks mostly off the background, joining neighbours of similar colour. */
function fillComponents(grid: OffBackgroundGrid): BlockComponent[] {
  const sameFill = SAME_FILL_DISTANCE * SAME_FILL_DISTANCE;
  const candidate = new Uint8Array(grid.share.length);
  for (let block = 0; block < candidate.length; block++) candidate[block] = grid.share[block]! >= MIN_BLOCK_SHARE ? 1 : 0;
  const components: BlockComponent[] = [];
  const stack: number[] = [];
  for (let seed = 0; seed < candidate.length; seed++) {
    if (!candidate[seed]) continue;
    candidate[seed] = 0;
    const seedColour = blockColour(grid, seed);
    let sumR = 0, sumG = 0, sumB = 0;
    const component = { blocks: 0, left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    stack.push(seed);
    while (stack.length > 0) {
      const block = stack.pop()!;
      const column = block % grid.columns;
      const row = (block - column) / grid.columns;
      const colour = blockColour(grid, block);
      sumR += colour[0];
      sumG += colour[1];
      sumB += colour[2];
      component.blocks++;
      component.left = Math.min(component.left, column);
      component.right = Math.max(component.right, column);
      component.top = Math.min(component.top, row);
      component.bottom = Math.max(component.bottom, row);
      const neighbours = [
        column > 0 ? block - 1 : -1,
        column < grid.columns - 1 ? block + 1 : -1,
        row > 0 ? block - grid.columns : -1,
        row < grid.rows - 1 ? block + grid.columns : -1,
      ];
      for (const next of neighbours) {
        if (next < 0 || !candidate[next]) continue;
        if (colourDistanceSquared(blockColour(grid, next), seedColour) > sameFill) continue;
        candidate[next] = 0;
        stack.push(next);
      }
    }
    const n = component.blocks;
    components.push({ ...component, fill: [sumR / n, sumG / n, sumB / n] });
  }
  return components;
}

/** Whether pixel (x, y) is within `distance` of the fill. */
function isFillAt(image: RgbImage, fill: Rgb, x: number, y: number, distance = SAME_FILL_DISTANCE): boolean {
  return colourDistanceSquared(pixelAt(image, x, y), fill) <= distance * distance;
}

/** The share of pixels on one row or column segment whose colour matches the fill. */
function matchShare(image: RgbImage, fill: Rgb, fixed: number, from: number, to: number, vertical: boolean): number {
  let matching = 0;
  for (let t = from; t < to; t++) if (vertical ? isFillAt(image, fill, fixed, t) : isFillAt(image, fill, t, fixed)) matching++;
  return to > from ? matching / (to - from) : 0;
}

/**
 * Block boxes miss the real edges by up to a block either way: blocks straddling an edge may or may not
 * count as off the background. Each side not on the fill first looks for it just outside, then moves in
 * past rows or columns that are not the fill, then out while the next one still is, by at most one block
 * each way. A side that finds no fill within a block is not the edge of a filled box (anti-aliased
 * fringes of a letter form such clusters): null.
 */
function snapToEdges(image: RgbImage, grid: OffBackgroundGrid, component: BlockComponent): Box | null {
  let left = component.left * grid.size;
  let top = component.top * grid.size;
  let right = Math.min(image.width, (component.right + 1) * grid.size);
  let bottom = Math.min(image.height, (component.bottom + 1) * grid.size);
  const { fill } = component;
  const column = (x: number): boolean => matchShare(image, fill, x, top, bottom, true) >= EDGE_MATCH_SHARE;
  const row = (y: number): boolean => matchShare(image, fill, y, left, right, false) >= EDGE_MATCH_SHARE;
  // A side on a row of letters (a badge's text fills the blocks along its edge, and those across the
  // edge are too little fill to count) has its edge just outside, not inside.
  const outward = (from: number, step: number, isFill: (at: number) => boolean, limit: number): number => {
    for (let at = from + step; Math.abs(at - from) <= grid.size && at >= 0 && at < limit; at += step) if (isFill(at)) return at;
    return from;
  };
  if (!column(left)) left = outward(left, -1, column, image.width);
  if (!column(right - 1)) right = outward(right - 1, 1, column, image.width) + 1;
  if (!row(top)) top = outward(top, -1, row, image.height);
  if (!row(bottom - 1)) bottom = outward(bottom - 1, 1, row, image.height) + 1;
  for (let step = 0; step < grid.size; step++) {
    const shrinkLeft = !column(left);
    const shrinkRight = !column(right - 1);
    const shrinkTop = !row(top);
    const shrinkBottom = !row(bottom - 1);
    if (!shrinkLeft && !shrinkRight && !shrinkTop && !shrinkBottom) break;
    if (shrinkLeft) left++;
    if (shrinkRight) right--;
    if (shrinkTop) top++;
    if (shrinkBottom) bottom--;
    if (right - left < MIN_REGION_WIDTH || bottom - top < MIN_REGION_HEIGHT) return null;
  }
  if (!column(left) || !column(right - 1) || !row(top) || !row(bottom - 1)) return null;
  for (let step = 0; step < grid.size; step++) {
    const growLeft = left > 0 && column(left - 1);
    const growRight = right < image.width && column(right);
    const growTop = top > 0 && row(top - 1);
    const growBottom = bottom < image.height && row(bottom);
    if (!growLeft && !growRight && !growTop && !growBottom) break;
    if (growLeft) left--;
    if (growRight) right++;
    if (growTop) top--;
    if (growBottom) bottom++;
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Bold letters on a badge padded by less than a block cover every block of some of its columns, cutting
 * it in pieces, of which a snapped box is one: the fill goes on above and below the letters, to the
 * badge's next column of fill. Two buttons side by side have the page between them. The run is bounded
 * from the last column of fill found, not from the box: an editor's active-line band holds a whole line
 * of code, with fill between its letters, and a bound from the box cut off its first letters.
 */
function acrossLetters(image: RgbImage, grid: OffBackgroundGrid, fill: Rgb, box: Box): Box {
  const { y: top, height } = box;
  if (height > MAX_TIGHT_BADGE_BLOCKS * grid.size) return box;
  const padded = (x: number): boolean =>
    isFillAt(image, fill, x, top + 1, PADDING_DISTANCE) && isFillAt(image, fill, x, top + height - 2, PADDING_DISTANCE);
  const column = (x: number): boolean => matchShare(image, fill, x, top, top + height, true) >= EDGE_MATCH_SHARE;
  const farthest = (from: number, step: number): number => {
    let edge = from;
    for (let x = from + step; Math.abs(x - edge) <= MAX_LETTER_RUN * height && x >= 0 && x < image.width && padded(x); x += step) {
      if (column(x)) edge = x;
    }
    return edge;
  };
  const left = farthest(box.x, -1);
  const right = farthest(box.x + box.width - 1, 1) + 1;
  return { x: left, y: top, width: right - left, height };
}

function isPlausibleRegion(component: BlockComponent, grid: OffBackgroundGrid, image: RgbImage): boolean {
  const columns = component.right - component.left + 1;
  const rows = component.bottom - component.top + 1;
  const width = columns * grid.size;
  const height = rows * grid.size;
  if (width < MIN_REGION_WIDTH || height < MIN_REGION_HEIGHT) return false;
  if (width * height > MAX_REGION_AREA_SHARE * image.width * image.height) return false;
  return component.blocks / (columns * rows) >= MIN_FILLED_SHARE;
}

/** `flat` is the image's block grid, when already made. */
export function analyzeLayout(image: RgbImage, flat: BlockGrid = blockGrid(image)): PageLayout {
  const background = dominantBackground(flat);
  const grid = offBackgroundGrid(image, flat, background, REGION_DISTANCE);
  const surfaces: ColourRegion[] = [];
  const candidates = fillComponents(grid)
    .filter((component) => isPlausibleRegion(component, grid, image))
    .sort((a, b) => b.blocks - a.blocks);
  for (const component of candidates) {
    const box = snapToEdges(image, grid, component);
    if (box) surfaces.push({ box: acrossLetters(image, grid, component.fill, box), fill: component.fill });
    if (surfaces.length === MAX_SURFACES) break;
  }
  return { background, regions: joinPieces(image, surfaces).slice(0, MAX_REGIONS), surfaces };
}
