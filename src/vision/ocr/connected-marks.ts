/**
 * Connected marks of ink: the pixels of a mask labelled by 8-connected component, each with its box and
 * size. Diagonal steps keep thin anti-aliased strokes whole.
 */
import type { Box } from '../../screen/box.js';

/** An area of the page with its ink pixels marked and labelled by connected mark. */
export interface InkLabels {
  /** The labelled area, in page pixels. */
  area: Box;
  /** Over the area, row-major: 0 off ink, else the label of the mark (1-based index into `marks`). */
  labels: Int32Array;
  marks: InkMark[];
}

export interface InkMark {
  label: number;
  /** Bounding box in page pixels. */
  box: Box;
  /** Ink pixels in the mark. */
  pixels: number;
  /** Whether the mark reaches the area's edge. */
  touchesEdge: boolean;
}

/** Follows `label` to the root of its set, halving the path on the way. */
function root(parent: Int32Array, label: number): number {
  while (parent[label] !== label) {
    parent[label] = parent[parent[label]!]!;
    label = parent[label]!;
  }
  return label;
}

/** Joins a pixel's label so far with a labelled neighbour's; 0 means none. */
function join(parent: Int32Array, label: number, neighbour: number): number {
  if (!neighbour) return label;
  if (!label) return neighbour;
  const a = root(parent, label), b = root(parent, neighbour);
  if (a === b) return a;
  const low = a < b ? a : b;
  parent[a + b - low] = low;
  return low;
}

/** Labels `mask` (over `area`, row-major) in two passes with union-find. */
export function labelInk(mask: Uint8Array, area: Box): InkLabels {
  const { width, height } = area;
  const labels = new Int32Array(width * height);
  let parent = new Int32Array(1024);
  let next = 1;
  // Most of a screen is not ink: indexOf skips natively to the next run of ink, walked pixel by pixel.
  for (let start = mask.indexOf(1); start >= 0; start = mask.indexOf(1, start)) {
    for (; start < mask.length && mask[start]; start++) {
      const p = start;
      const y = Math.floor(p / width);
      const x = p - y * width;
      let label = x > 0 ? labels[p - 1]! : 0;
      if (y > 0) {
        if (x > 0) label = join(parent, label, labels[p - width - 1]!);
        label = join(parent, label, labels[p - width]!);
        if (x < width - 1) label = join(parent, label, labels[p - width + 1]!);
      }
      if (!label) {
        if (next === parent.length) {
          const grown = new Int32Array(parent.length * 2);
          grown.set(parent);
          parent = grown;
        }
        parent[next] = next;
        label = next++;
      }
      labels[p] = label;
    }
  }
  // Second pass: every pixel takes its set's compact label, and each set's box and size are summed up.
  const compact = new Int32Array(next);
  const bounds: number[] = [];
  for (let start = mask.indexOf(1); start >= 0; start = mask.indexOf(1, start)) {
    for (; start < mask.length && mask[start]; start++) {
      const p = start;
      const y = Math.floor(p / width);
      const x = p - y * width;
      const set = root(parent, labels[p]!);
      if (!compact[set]) {
        bounds.push(x, y, x, y, 0);
        compact[set] = bounds.length / 5;
      }
      const label = compact[set]!;
      labels[p] = label;
      const b = (label - 1) * 5;
      if (x < bounds[b]!) bounds[b] = x;
      if (x > bounds[b + 2]!) bounds[b + 2] = x;
      bounds[b + 3] = y;
      bounds[b + 4]!++;
    }
  }
  const marks: InkMark[] = [];
  for (let b = 0; b < bounds.length; b += 5) {
    const left = bounds[b]!, top = bounds[b + 1]!, right = bounds[b + 2]!, bottom = bounds[b + 3]!;
    marks.push({
      label: b / 5 + 1,
      box: { x: area.x + left, y: area.y + top, width: right - left + 1, height: bottom - top + 1 },
      pixels: bounds[b + 4]!,
      touchesEdge: left === 0 || top === 0 || right === width - 1 || bottom === height - 1,
    });
  }
  return { area, labels, marks };
}
