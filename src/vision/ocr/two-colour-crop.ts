/**
 * Reads two texts drawn over each other one at a time: 2048's "+2032" rising in grey over the white
 * score it adds to, a tooltip over a label. Their letters make one run of ink that reads as nothing;
 * told apart by colour, each reads. The last try on a run that read as nothing.
 */
import type { InkPiece } from './glyph-lines.js';
import { cropBox, pieceMap, placeCrop, TARGET_LINE_HEIGHT } from './ink-crop.js';
import type { RegionCrop } from './region-crop.js';
import { colourDistanceSquared, type Rgb, type RgbImage } from './rgb-image.js';
import type { UnreadInk } from './unread-ink.js';

/**
 * Two inks at least this far apart (RGB), each at least MIN_SHARE of the run's ink, are two texts (a
 * small "SCORE" under a large "+18204" is 0.16 of it).
 */
const MIN_APART = 96;
const MIN_SHARE = 0.1;
/** Two-means settles on two texts' colours within a few rounds. */
const ROUNDS = 5;

/** Every ink pixel of the pieces, as an index into the page's RGB data. */
function inkPixels(image: RgbImage, pieces: readonly InkPiece[]): number[] {
  const pixels: number[] = [];
  for (const { box, ink, label } of pieces) {
    for (let y = box.y; y < box.y + box.height; y++) {
      for (let x = box.x; x < box.x + box.width; x++) {
        if (ink.labels[(y - ink.area.y) * ink.area.width + x - ink.area.x] === label) pixels.push((y * image.width + x) * 3);
      }
    }
  }
  return pixels;
}

const colourAt = (image: RgbImage, i: number): Rgb => [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];

/** The two colours of the run's ink (two-means, from its darkest and lightest pixels), or null if it has one. */
export function twoInks(image: RgbImage, unread: UnreadInk): [Rgb, Rgb] | null {
  const pixels = inkPixels(image, unread.glyphs);
  if (pixels.length === 0) return null;
  const lightness = (i: number): number => image.data[i]! + image.data[i + 1]! + image.data[i + 2]!;
  let centres: [Rgb, Rgb] = [
    colourAt(image, pixels.reduce((a, b) => (lightness(b) < lightness(a) ? b : a))),
    colourAt(image, pixels.reduce((a, b) => (lightness(b) > lightness(a) ? b : a))),
  ];
  let firstShare = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const sums = [[0, 0, 0, 0], [0, 0, 0, 0]];
    for (const i of pixels) {
      const colour = colourAt(image, i);
      const sum = sums[colourDistanceSquared(colour, centres[0]) <= colourDistanceSquared(colour, centres[1]) ? 0 : 1]!;
      for (let k = 0; k < 3; k++) sum[k]! += colour[k]!;
      sum[3]!++;
    }
    if (sums[0]![3] === 0 || sums[1]![3] === 0) return null;
    centres = sums.map(([r, g, b, n]) => [r! / n!, g! / n!, b! / n!] as const) as [Rgb, Rgb];
    firstShare = sums[0]![3]! / pixels.length;
  }
  const apart = colourDistanceSquared(centres[0], centres[1]) >= MIN_APART * MIN_APART;
  return apart && Math.min(firstShare, 1 - firstShare) >= MIN_SHARE ? centres : null;
}

/** The run drawn dark on white with only the pixels nearer `ink` than `other`: one of the two texts. */
export function cropOneInk(image: RgbImage, unread: UnreadInk, ink: Rgb, other: Rgb): RegionCrop {
  const crop = cropBox(image, unread);
  const pieces = [...unread.glyphs, ...unread.specks];
  const owner = pieceMap(crop, pieces);
  const grey = new Float32Array(crop.width * crop.height).fill(255);
  let strongest = 1;
  const distance = new Float32Array(grey.length);
  for (let y = 0; y < crop.height; y++) {
    for (let x = 0; x < crop.width; x++) {
      const p = y * crop.width + x;
      if (!owner[p]) continue;
      const colour = colourAt(image, ((crop.y + y) * image.width + crop.x + x) * 3);
      if (colourDistanceSquared(colour, ink) > colourDistanceSquared(colour, other)) continue;
      distance[p] = pieces[owner[p]! - 1]!.ink.distance(crop.x + x, crop.y + y);
      strongest = Math.max(strongest, distance[p]!);
    }
  }
  for (let p = 0; p < grey.length; p++) if (distance[p]) grey[p] = 255 * (1 - distance[p]! / strongest);
  return placeCrop(grey, crop, unread, TARGET_LINE_HEIGHT);
}
