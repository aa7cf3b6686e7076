import { brightness, yiqDelta } from './yiq-delta.js';

/**
 * Anti-aliasing detection after V. Vysniauskas, "Anti-aliased pixel and intensity slope detector" (2009):
 * an anti-aliased pixel is a blend on an edge, so among its 8 neighbours there is one darker and one
 * brighter, and few are the same brightness as itself (a pixel inside a flat area is not a blend).
 * The difference is only a rendering artefact when the edge itself did not move: the darkest and the
 * brightest neighbour look the same in the other image, so only the blend between them changed.
 */

/** More neighbours than this with the centre's exact brightness means a flat area, not an edge. */
const MAX_EQUAL_NEIGHBOURS = 2;

/** Whether the pixel at (x, y) of `image` looks like anti-aliasing against `other` (same size, RGBA). */
export function isAntialiasedIn(
  image: Uint8Array,
  other: Uint8Array,
  x: number,
  y: number,
  width: number,
  height: number,
  maxDelta: number,
): boolean {
  const centre = brightness(image, (y * width + x) * 4);
  const x0 = x > 0 ? x - 1 : 0;
  const x1 = x < width - 1 ? x + 1 : x;
  const y0 = y > 0 ? y - 1 : 0;
  const y1 = y < height - 1 ? y + 1 : y;
  // At the image border the missing neighbours count as equal: the edge could continue outside.
  let equal = (x1 - x0 + 1) * (y1 - y0 + 1) < 9 ? 1 : 0;
  let darkest = 0;
  let darkestAt = -1;
  let brightest = 0;
  let brightestAt = -1;
  for (let ny = y0; ny <= y1; ny++) {
    for (let nx = x0; nx <= x1; nx++) {
      if (nx === x && ny === y) continue;
      const at = (ny * width + nx) * 4;
      const step = brightness(image, at) - centre;
      if (step === 0) {
        if (++equal > MAX_EQUAL_NEIGHBOURS) return false;
      } else if (step < darkest) {
        darkest = step;
        darkestAt = at;
      } else if (step > brightest) {
        brightest = step;
        brightestAt = at;
      }
    }
  }
  if (darkestAt < 0 || brightestAt < 0) return false;
  return yiqDelta(image, other, darkestAt) <= maxDelta && yiqDelta(image, other, brightestAt) <= maxDelta;
}
