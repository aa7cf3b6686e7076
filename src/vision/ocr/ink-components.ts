/**
 * Ink told apart from the colour it stands on, then cut into connected marks (see connected-marks.ts):
 * letters, digits, icons, rules.
 *
 * The distance is measured in RGB against the local background (see local-background.ts) or a known
 * fill, so light-on-dark, dark-on-light and coloured text all come out the same way.
 */
import type { Box } from '../../screen/box.js';
import { labelInk, type InkLabels, type InkMark } from './connected-marks.js';
import { backgroundDistanceSquared, tileBackground, type BackgroundMap } from './local-background.js';
import { distanceToBlendSquared, type Rgb, type RgbImage } from './rgb-image.js';
import { softEdgeReach } from './soft-edge.js';
import type { ColourRegion } from './text-regions.js';

/**
 * RGB distance from the background beyond which a pixel is ink. Low: white text on 2048's translucent
 * overlay stands only about 35 from the overlay over a pale tile. Compression noise passes it only in
 * specks, which are too small to be marks.
 */
export const INK_DISTANCE = 28;

/** Labelled ink, and how far each of its pixels is from the background it was told apart from. */
export interface InkLayer extends InkLabels {
  /** RGB distance of page pixel (x, y) from its nearest background. */
  distance(x: number, y: number): number;
}

/**
 * 1 where a pixel of the page is ink: far from every background it may stand on. First against the
 * tiles' backgrounds, walking each row tile by tile with the tile's colours at hand (this runs over
 * every pixel of every frame); then each surface's box is redone against its fill alone, largest first,
 * so that the innermost surface decides.
 */
function pageInkMask(image: RgbImage, backgrounds: BackgroundMap): Uint8Array {
  const { width, height, data } = image;
  const { tileSize, columns, colours } = backgrounds;
  const mask = new Uint8Array(width * height);
  const limit = INK_DISTANCE * INK_DISTANCE;
  const perTile = colours.length / (columns * backgrounds.rows);
  for (let y = 0; y < height; y++) {
    const tileRow = Math.floor(y / tileSize) * columns;
    for (let column = 0; column < columns; column++) {
      const c = (tileRow + column) * perTile;
      const end = Math.min(width, (column + 1) * tileSize);
      // Runs of one colour are the rule on a screen: a pixel like the one before it is decided alike.
      let previous = -1, ink = 0;
      for (let x = column * tileSize, p = y * width + x, i = p * 3; x < end; x++, p++, i += 3) {
        const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
        const rgb = (r << 16) | (g << 8) | b;
        if (rgb !== previous) {
          previous = rgb;
          ink = 1;
          for (let k = c; k < c + perTile && ink; k += 3) {
            const dr = r - colours[k]!, dg = g - colours[k + 1]!, db = b - colours[k + 2]!;
            if (dr * dr + dg * dg + db * db <= limit) ink = 0;
          }
        }
        mask[p] = ink;
      }
    }
  }
  for (const { box, fill } of backgrounds.surfaces) {
    for (let y = box.y; y < box.y + box.height; y++) {
      for (let x = box.x, p = y * width + x, i = p * 3; x < box.x + box.width; x++, p++, i += 3) {
        const dr = data[i]! - fill[0], dg = data[i + 1]! - fill[1], db = data[i + 2]! - fill[2];
        mask[p] = dr * dr + dg * dg + db * db > limit ? 1 : 0;
      }
    }
    clearSoftEdge(image, backgrounds, { box, fill }, mask);
  }
  return mask;
}

/** Around a surface's box, blends of its fill and the background around it are its rim, not ink. */
function clearSoftEdge(image: RgbImage, backgrounds: BackgroundMap, { box, fill }: ColourRegion, mask: Uint8Array): void {
  const { left, top, right, bottom } = softEdgeReach(image, box);
  const limit = INK_DISTANCE * INK_DISTANCE;
  for (let y = top; y < bottom; y++) {
    const insideRows = y >= box.y && y < box.y + box.height;
    for (let x = left; x < right; x++) {
      // Inside the box, skip to its right edge: only the ring around it is looked at.
      if (insideRows && x === box.x) x = box.x + box.width;
      if (x >= right) break;
      const p = y * image.width + x;
      if (mask[p] && distanceToBlendSquared(image.data, p * 3, fill, tileBackground(backgrounds, x, y)) <= limit) mask[p] = 0;
    }
  }
}

/** 1 where a pixel of `area` is ink against one fill colour. */
function fillInkMask(image: RgbImage, area: Box, fill: Rgb): Uint8Array {
  const mask = new Uint8Array(area.width * area.height);
  const limit = INK_DISTANCE * INK_DISTANCE;
  for (let y = 0; y < area.height; y++) {
    for (let x = 0, i = ((area.y + y) * image.width + area.x) * 3; x < area.width; x++, i += 3) {
      const dr = image.data[i]! - fill[0], dg = image.data[i + 1]! - fill[1], db = image.data[i + 2]! - fill[2];
      if (dr * dr + dg * dg + db * db > limit) mask[y * area.width + x] = 1;
    }
  }
  return mask;
}

/** The whole page's ink, against the local backgrounds. */
export function pageInk(image: RgbImage, backgrounds: BackgroundMap): InkLayer {
  const ink = labelInk(pageInkMask(image, backgrounds), { x: 0, y: 0, width: image.width, height: image.height });
  const distance = (x: number, y: number): number => Math.sqrt(backgroundDistanceSquared(backgrounds, image.data, image.width, x, y));
  return { ...ink, distance };
}

/** The ink within `area` against one fill colour: what is drawn on a badge or a button. */
export function fillInk(image: RgbImage, area: Box, fill: Rgb): InkLayer {
  const ink = labelInk(fillInkMask(image, area, fill), area);
  const distance = (x: number, y: number): number => {
    const i = (y * image.width + x) * 3;
    return Math.hypot(image.data[i]! - fill[0], image.data[i + 1]! - fill[1], image.data[i + 2]! - fill[2]);
  };
  return { ...ink, distance };
}

/**
 * The ink of one mark of `layer` that is neither near `colour` nor a blend of it with the background
 * it stands on (`backgroundAt`): what stands on a grid drawn in that colour, once the grid and its
 * anti-aliased (on video, smeared) edges are background (see glyph-lines.ts).
 */
export function inkOffColour(image: RgbImage, layer: InkLayer, mark: InkMark, colour: Rgb, backgroundAt: (x: number, y: number) => Rgb): InkLayer {
  const { box } = mark;
  const { area, labels } = layer;
  const mask = new Uint8Array(box.width * box.height);
  const limit = INK_DISTANCE * INK_DISTANCE;
  for (let y = 0; y < box.height; y++) {
    for (let x = 0, p = (box.y + y - area.y) * area.width + box.x - area.x; x < box.width; x++, p++) {
      if (labels[p] !== mark.label) continue;
      const i = ((box.y + y) * image.width + box.x + x) * 3;
      const dr = image.data[i]! - colour[0], dg = image.data[i + 1]! - colour[1], db = image.data[i + 2]! - colour[2];
      // Most of the mark is the grid itself, told without looking up the background.
      if (dr * dr + dg * dg + db * db <= limit) continue;
      if (distanceToBlendSquared(image.data, i, colour, backgroundAt(box.x + x, box.y + y)) > limit) mask[y * box.width + x] = 1;
    }
  }
  const ink = labelInk(mask, box);
  const distance = (x: number, y: number): number => Math.min(layer.distance(x, y), Math.sqrt(distanceToBlendSquared(image.data, (y * image.width + x) * 3, colour, backgroundAt(x, y))));
  return { ...ink, distance };
}
