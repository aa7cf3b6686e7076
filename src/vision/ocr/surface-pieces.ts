/**
 * Puts back together a coloured surface the layout found in pieces (see text-regions.ts), so that its
 * text is read in one crop rather than a few letters from each piece.
 *
 * A gradient (a toast fading from teal to lime) has no one fill: its blocks group into pieces of
 * neighbouring colours, and the letters that cross from one piece to the next are read as fragments
 * ("am", "a toas", "mat") or not at all. Letters also cut a flat band in pieces, as the line of code on
 * an editor's active-line band does. Pieces cut out of one box lie side by side (or stacked) and share
 * its top or bottom edge (or its left or right one); the colour across their union is then one plane,
 * flat or sloping, up to the text on it. The pieces that fit a plane become one region whose fill is
 * that plane, grown to where the plane stops (the pieces miss the ends of a gradient).
 */
import type { Box } from '../../screen/box.js';
import { unionBox } from '../../screen/box.js';
import type { FillSlope } from './region-fill.js';
import { fillAt } from './region-fill.js';
import { colourDistanceSquared, type Rgb, type RgbImage } from './rgb-image.js';
import type { ColourRegion } from './text-regions.js';

/** Pieces of one box share its edge within this many pixels, and touch or overlap within it. */
const EDGE_SLACK = 2;
/** Side by side, pieces overlap on at least this share of the shorter one's rows. */
const MIN_SHARED_SPAN = 0.5;
/** A pixel this close (RGB) to the plane is fill. */
const ON_PLANE = 32;
/**
 * The plane is the surface's fill when it fits at least this share of the union: the rest is its text
 * and icons. Two buttons of different colours side by side fit no plane.
 */
const MIN_FITTED_SHARE = 0.7;
/** Each piece's own fill lies this close to the plane at the piece's centre. */
const PIECE_ON_PLANE = 32;
/** Fitting rounds: each leaves out the pixels off the last round's plane (the text). */
const ROUNDS = 3;
/** Pixels sampled for fitting, every this many along rows and columns. */
const SAMPLE_STEP = 2;
/** A side grows while this share of the next row or column is on the plane. */
const EDGE_MATCH_SHARE = 0.6;
/** A plane changing by less than this over the whole box is flat. */
const FLAT_CHANGE = 8;

/** A plane of colour: its value at (x0, y0) and its change per pixel along x and y. */
interface Plane {
  x0: number;
  y0: number;
  at0: [number, number, number];
  slope: { x: [number, number, number]; y: [number, number, number] };
}

function planeAt(plane: Plane, x: number, y: number): Rgb {
  const dx = x - plane.x0, dy = y - plane.y0;
  const { at0, slope } = plane;
  return [at0[0] + slope.x[0] * dx + slope.y[0] * dy, at0[1] + slope.x[1] * dx + slope.y[1] * dy, at0[2] + slope.x[2] * dx + slope.y[2] * dy];
}

const right = (box: Box): number => box.x + box.width;
const bottom = (box: Box): number => box.y + box.height;
const near = (a: number, b: number): boolean => Math.abs(a - b) <= EDGE_SLACK;

function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x - EDGE_SLACK && inner.y >= outer.y - EDGE_SLACK && right(inner) <= right(outer) + EDGE_SLACK && bottom(inner) <= bottom(outer) + EDGE_SLACK;
}

/** Whether two pieces lie side by side along `along` ('x') or stacked ('y'), cut from one box. */
function cutFromOneBox(a: Box, b: Box, along: 'x' | 'y'): boolean {
  const [start, size, crossStart, crossSize] = along === 'x' ? (['x', 'width', 'y', 'height'] as const) : (['y', 'height', 'x', 'width'] as const);
  const touching = a[start] <= b[start] + b[size] + EDGE_SLACK && b[start] <= a[start] + a[size] + EDGE_SLACK;
  const sharedEdge = near(a[crossStart], b[crossStart]) || near(a[crossStart] + a[crossSize], b[crossStart] + b[crossSize]);
  const shared = Math.min(a[crossStart] + a[crossSize], b[crossStart] + b[crossSize]) - Math.max(a[crossStart], b[crossStart]);
  return touching && sharedEdge && shared >= MIN_SHARED_SPAN * Math.min(a[crossSize], b[crossSize]);
}

const piecesOfOneBox = (a: Box, b: Box): boolean =>
  !contains(a, b) && !contains(b, a) && (cutFromOneBox(a, b, 'x') || cutFromOneBox(a, b, 'y'));

/** Determinant of a symmetric 3×3 matrix given by its six distinct entries. */
function det3(a: number, b: number, c: number, d: number, e: number, f: number): number {
  // [[a, b, c], [b, d, e], [c, e, f]]
  return a * (d * f - e * e) - b * (b * f - e * c) + c * (b * e - d * c);
}

/**
 * The least-squares plane of colour over the box, refitted without the pixels off it, or null when it
 * fits less than MIN_FITTED_SHARE of the box.
 */
function fitPlane(image: RgbImage, box: Box): Plane | null {
  const x0 = box.x + (box.width - 1) / 2, y0 = box.y + (box.height - 1) / 2;
  let plane: Plane | null = null;
  let fitted = 0, sampled = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    const sv = [0, 0, 0], svx = [0, 0, 0], svy = [0, 0, 0];
    fitted = 0;
    sampled = 0;
    for (let y = box.y; y < bottom(box); y += SAMPLE_STEP) {
      for (let x = box.x; x < right(box); x += SAMPLE_STEP) {
        sampled++;
        const i = (y * image.width + x) * 3;
        const colour: Rgb = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
        if (plane && colourDistanceSquared(colour, planeAt(plane, x, y)) > ON_PLANE * ON_PLANE) continue;
        fitted++;
        const dx = x - x0, dy = y - y0;
        n++;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
        for (let k = 0; k < 3; k++) {
          sv[k]! += colour[k]!;
          svx[k]! += colour[k]! * dx;
          svy[k]! += colour[k]! * dy;
        }
      }
    }
    const det = det3(n, sx, sy, sxx, sxy, syy);
    if (n === 0 || Math.abs(det) < 1e-9) return null;
    const solve = (k: number): [number, number, number] => {
      const [v, vx, vy] = [sv[k]!, svx[k]!, svy[k]!];
      // Cramer's rule on [[n, sx, sy], [sx, sxx, sxy], [sy, sxy, syy]] · [c, gx, gy] = [v, vx, vy].
      const c = (v * (sxx * syy - sxy * sxy) - sx * (vx * syy - sxy * vy) + sy * (vx * sxy - sxx * vy)) / det;
      const gx = (n * (vx * syy - sxy * vy) - v * (sx * syy - sxy * sy) + sy * (sx * vy - vx * sy)) / det;
      const gy = (n * (sxx * vy - vx * sxy) - sx * (sx * vy - vx * sy) + v * (sx * sxy - sxx * sy)) / det;
      return [c, gx, gy];
    };
    const channels = [solve(0), solve(1), solve(2)];
    plane = {
      x0,
      y0,
      at0: [channels[0]![0], channels[1]![0], channels[2]![0]],
      slope: { x: [channels[0]![1], channels[1]![1], channels[2]![1]], y: [channels[0]![2], channels[1]![2], channels[2]![2]] },
    };
  }
  // The last round's count is of pixels on the round before's plane; near enough to this one's.
  return plane && fitted >= MIN_FITTED_SHARE * sampled ? plane : null;
}

/** The share of pixels on the plane along one row (`vertical` false) or column of the box's span. */
function onPlaneShare(image: RgbImage, plane: Plane, fixed: number, from: number, to: number, vertical: boolean): number {
  let on = 0;
  for (let t = from; t < to; t++) {
    const [x, y] = vertical ? [fixed, t] : [t, fixed];
    const i = (y * image.width + x) * 3;
    if (colourDistanceSquared([image.data[i]!, image.data[i + 1]!, image.data[i + 2]!], planeAt(plane, x, y)) <= ON_PLANE * ON_PLANE) on++;
  }
  return to > from ? on / (to - from) : 0;
}

/** The box grown, side by side, while the next row or column is on the plane. */
function grownAlongPlane(image: RgbImage, plane: Plane, box: Box): Box {
  let left = box.x, top = box.y, end = right(box), foot = bottom(box);
  const column = (x: number): boolean => onPlaneShare(image, plane, x, top, foot, true) >= EDGE_MATCH_SHARE;
  const row = (y: number): boolean => onPlaneShare(image, plane, y, left, end, false) >= EDGE_MATCH_SHARE;
  for (let grew = true; grew; ) {
    grew = false;
    if (left > 0 && column(left - 1)) [left, grew] = [left - 1, true];
    if (end < image.width && column(end)) [end, grew] = [end + 1, true];
    if (top > 0 && row(top - 1)) [top, grew] = [top - 1, true];
    if (foot < image.height && row(foot)) [foot, grew] = [foot + 1, true];
  }
  return { x: left, y: top, width: end - left, height: foot - top };
}

/** The region of a plane over `box`: sloping, or flat when it barely changes across the box. */
function planeRegion(plane: Plane, box: Box): ColourRegion {
  const centre = planeAt(plane, box.x + (box.width - 1) / 2, box.y + (box.height - 1) / 2);
  const fill: Rgb = [centre[0], centre[1], centre[2]];
  const change = Math.max(...[0, 1, 2].map((k) => Math.abs(plane.slope.x[k]!) * box.width + Math.abs(plane.slope.y[k]!) * box.height));
  if (change < FLAT_CHANGE) return { box, fill };
  const slope: FillSlope = { x: plane.slope.x, y: plane.slope.y };
  return { box, fill, slope };
}

/** Groups of pieces cut from one box, by index, each of two pieces or more. */
function groupsOfPieces(boxes: readonly Box[]): number[][] {
  const parent = boxes.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) if (piecesOfOneBox(boxes[a]!, boxes[b]!)) parent[root(b)] = root(a);
  }
  const groups = new Map<number, number[]>();
  boxes.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  return [...groups.values()].filter((group) => group.length > 1);
}

const areaOf = (region: ColourRegion): number => region.box.width * region.box.height;

/**
 * The regions to read: pieces of one surface joined into one region where a plane of colour fits them,
 * and pieces lying inside a region of their own fill left out (its crop reads them). Largest first.
 */
export function joinPieces(image: RgbImage, pieces: readonly ColourRegion[]): ColourRegion[] {
  const joined = new Set<number>();
  const regions: ColourRegion[] = [];
  for (const group of groupsOfPieces(pieces.map((piece) => piece.box))) {
    const members = group.map((i) => pieces[i]!);
    const plane = fitPlane(image, unionBox(members.map((piece) => piece.box)));
    if (!plane) continue;
    const onPlane = ({ box, fill }: ColourRegion): boolean =>
      colourDistanceSquared(fill, planeAt(plane, box.x + box.width / 2, box.y + box.height / 2)) <= PIECE_ON_PLANE * PIECE_ON_PLANE;
    if (!members.every(onPlane)) continue;
    group.forEach((i) => joined.add(i));
    regions.push(planeRegion(plane, grownAlongPlane(image, plane, unionBox(members.map((piece) => piece.box)))));
  }
  regions.push(...pieces.filter((_, i) => !joined.has(i)));
  regions.sort((a, b) => areaOf(b) - areaOf(a));
  const sameFillInside = (piece: ColourRegion, outer: ColourRegion): boolean => {
    const { box } = piece;
    if (outer === piece || !contains(outer.box, box) || areaOf(outer) <= areaOf(piece)) return false;
    return colourDistanceSquared(piece.fill, fillAt(outer, box.x + box.width / 2, box.y + box.height / 2)) <= PIECE_ON_PLANE * PIECE_ON_PLANE;
  };
  return regions.filter((piece) => !regions.some((outer) => sameFillInside(piece, outer)));
}
