/**
 * Turns a coloured region into an image tesseract reads well: dark ink on white, big enough, with a margin.
 *
 * Each pixel's grey level is its colour distance from the region's fill (see region-ink.ts), so the fill
 * becomes white and the text black whatever the colours are. Plain greyscale plus negation does not
 * work here: a negated blue button turns mid-grey, and the white padding tesseract needs around the
 * text then reads as a frame.
 */
import type { GreyImage } from './grey-image.js';
import { inkOnWhite, type InkedRegion } from './region-ink.js';
import type { RgbImage } from './rgb-image.js';

/** Where a crop came from, to map tesseract's boxes back to page pixels. */
export interface CropPlacement {
  left: number;
  top: number;
  scale: number;
  padding: number;
}

export interface RegionCrop {
  image: GreyImage;
  placement: CropPlacement;
}

/** Measured: white 12 px text on a badge reads at 0.79 confidence as is, 0.96 once its line is this tall. */
const TARGET_LINE_HEIGHT = 48;
const MAX_UPSCALE = 4;
/** Tesseract's time grows with pixels: an upscaled crop stays below a 1280×720 page. */
const MAX_SCALED_PIXELS = 900_000;
/** White margin around the crop: tesseract finds no text touching the image border. */
export const PADDING = 16;

/** Bilinear upscaling into a white canvas with a margin of PADDING. */
export function placeScaled(source: Float32Array, width: number, height: number, scale: number): GreyImage {
  const scaledWidth = Math.round(width * scale);
  const scaledHeight = Math.round(height * scale);
  const out: GreyImage = {
    width: scaledWidth + 2 * PADDING,
    height: scaledHeight + 2 * PADDING,
    data: new Uint8Array((scaledWidth + 2 * PADDING) * (scaledHeight + 2 * PADDING)).fill(255),
  };
  for (let y = 0; y < scaledHeight; y++) {
    const sy = Math.min(height - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y1 = Math.floor(sy);
    const y2 = Math.min(height - 1, y1 + 1);
    const fy = sy - y1;
    for (let x = 0; x < scaledWidth; x++) {
      const sx = Math.min(width - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x1 = Math.floor(sx);
      const x2 = Math.min(width - 1, x1 + 1);
      const fx = sx - x1;
      const top = source[y1 * width + x1]! * (1 - fx) + source[y1 * width + x2]! * fx;
      const bottom = source[y2 * width + x1]! * (1 - fx) + source[y2 * width + x2]! * fx;
      out.data[(y + PADDING) * out.width + x + PADDING] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return out;
}

/** The region's ink, cropped with a margin of fill and prepared for tesseract. */
export function cropRegion(image: RgbImage, ink: InkedRegion): RegionCrop {
  const inkBox = ink.box;
  const margin = Math.max(2, Math.round(ink.lineHeight / 2));
  const { box } = ink.region;
  const left = Math.max(box.x, inkBox.x - margin);
  const top = Math.max(box.y, inkBox.y - margin);
  const right = Math.min(box.x + box.width, inkBox.x + inkBox.width + margin);
  const bottom = Math.min(box.y + box.height, inkBox.y + inkBox.height + margin);
  const crop = { x: left, y: top, width: right - left, height: bottom - top };
  const affordable = Math.sqrt(MAX_SCALED_PIXELS / (crop.width * crop.height));
  const scale = Math.max(1, Math.min(MAX_UPSCALE, affordable, TARGET_LINE_HEIGHT / ink.lineHeight));
  return {
    image: placeScaled(inkOnWhite(image, ink, crop), crop.width, crop.height, scale),
    placement: { left, top, scale, padding: PADDING },
  };
}
