/**
 * The colour a region is filled with at a given pixel: one colour on a button or a badge, a colour
 * changing steadily across it on a gradient (a toast fading from teal to lime; see gradient-regions.ts).
 */
import type { Rgb } from './rgb-image.js';
import type { ColourRegion } from './text-regions.js';

/** How a gradient's fill changes per pixel, channel by channel, from its colour at the box's centre. */
export interface FillSlope {
  x: Rgb;
  y: Rgb;
}

const clamp = (value: number): number => Math.min(255, Math.max(0, value));

/**
 * The region's fill at page pixel (x, y). Outside the box, the fill at the nearest point of the box: a
 * gradient's soft edge blends its nearest colour into the page.
 */
export function fillAt(region: ColourRegion, x: number, y: number): Rgb {
  const { fill, slope, box } = region;
  if (!slope) return fill;
  const dx = Math.min(box.x + box.width - 1, Math.max(box.x, x)) - (box.x + (box.width - 1) / 2);
  const dy = Math.min(box.y + box.height - 1, Math.max(box.y, y)) - (box.y + (box.height - 1) / 2);
  return [
    clamp(fill[0] + slope.x[0] * dx + slope.y[0] * dy),
    clamp(fill[1] + slope.x[1] * dx + slope.y[1] * dy),
    clamp(fill[2] + slope.x[2] * dx + slope.y[2] * dy),
  ];
}
