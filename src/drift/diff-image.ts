import sharp from 'sharp';
import { PIXEL_ANTIALIASED, PIXEL_CHANGED } from './classify-pixels.js';
import type { ChangedRegion } from './drift-types.js';

/**
 * The picture a reviewer looks at: the current screen in dim grey so colour means "difference", changed
 * pixels red, anti-aliasing yellow, each region outlined. Outside the compared area (the current screen
 * grew) the screen is dimmed further still, since nothing there was compared.
 */

const DIM = 0.3;
const UNCOMPARED_DIM = 0.12;
const RED = [255, 0, 0] as const;
const YELLOW = [255, 210, 0] as const;
const OUTLINE = [0, 200, 255] as const;
const OUTLINE_WIDTH = 2;

export interface DiffImageInput {
  /** The whole current screen, RGBA. */
  current: Uint8Array;
  currentWidth: number;
  currentHeight: number;
  /** Pixel states of the compared (top-left) area. */
  states: Uint8Array;
  width: number;
  height: number;
  regions: ChangedRegion[];
}

function paint(rgb: Uint8Array, pixel: number, colour: readonly [number, number, number]): void {
  rgb[pixel * 3] = colour[0];
  rgb[pixel * 3 + 1] = colour[1];
  rgb[pixel * 3 + 2] = colour[2];
}

/** A frame just outside the region's box, so the changed pixels on its border stay visible. */
function outline(rgb: Uint8Array, imageWidth: number, imageHeight: number, region: ChangedRegion): void {
  const { x, y, width, height } = region.box;
  const top = Math.max(0, y - OUTLINE_WIDTH);
  const bottom = Math.min(imageHeight - 1, y + height - 1 + OUTLINE_WIDTH);
  const left = Math.max(0, x - OUTLINE_WIDTH);
  const right = Math.min(imageWidth - 1, x + width - 1 + OUTLINE_WIDTH);
  for (let row = top; row <= bottom; row++) {
    const insideRow = row >= y && row < y + height;
    for (let column = left; column <= right; column++) {
      if (insideRow && column >= x && column < x + width) continue;
      paint(rgb, row * imageWidth + column, OUTLINE);
    }
  }
}

export async function renderDiffImage(input: DiffImageInput): Promise<Buffer> {
  const { current, currentWidth, currentHeight, states, width, height } = input;
  const rgb = new Uint8Array(currentWidth * currentHeight * 3);
  for (let y = 0; y < currentHeight; y++) {
    for (let x = 0; x < currentWidth; x++) {
      const pixel = y * currentWidth + x;
      const compared = x < width && y < height;
      const state = compared ? states[y * width + x] : undefined;
      if (state === PIXEL_CHANGED) {
        paint(rgb, pixel, RED);
      } else if (state === PIXEL_ANTIALIASED) {
        paint(rgb, pixel, YELLOW);
      } else {
        const o = pixel * 4;
        const luma = 0.299 * current[o]! + 0.587 * current[o + 1]! + 0.114 * current[o + 2]!;
        const grey = Math.round(luma * (compared ? DIM : UNCOMPARED_DIM));
        rgb[pixel * 3] = grey;
        rgb[pixel * 3 + 1] = grey;
        rgb[pixel * 3 + 2] = grey;
      }
    }
  }
  for (const region of input.regions) outline(rgb, currentWidth, currentHeight, region);
  return sharp(rgb, { raw: { width: currentWidth, height: currentHeight, channels: 3 } })
    .png({ compressionLevel: 3 })
    .toBuffer();
}
