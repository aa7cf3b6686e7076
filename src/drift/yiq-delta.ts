/**
 * Perceptual colour difference in the YIQ (NTSC) space, after Kotsarenko & Ramos, "Measuring perceived
 * color difference using YIQ NTSC transmission color space in mobile applications" (2010): the squared
 * differences of Y, I and Q weighted 0.5053, 0.299 and 0.1957. It is the measure pixelmatch and
 * Playwright's comparator use, so a `threshold` means the same thing here as there.
 */

/**
 * The largest delta two opaque RGB colours can have under these weights. A threshold t in 0..1 allows
 * deltas up to MAX_YIQ_DELTA × t²: the square because the delta is itself squared, so t scales like a
 * colour distance (0.1 ≈ a tenth of the way from one extreme colour to the other), as in pixelmatch.
 */
export const MAX_YIQ_DELTA = 35215;

export function maxDeltaFor(threshold: number): number {
  return MAX_YIQ_DELTA * threshold * threshold;
}

/** A channel of a pixel with alpha `alpha`, as it shows over a white page (how a transparent screenshot is seen). */
function overWhite(channel: number, alpha: number): number {
  return 255 + ((channel - 255) * alpha) / 255;
}

/**
 * Delta between the RGBA pixel at byte offset `offset` of `a` and of `b`. YIQ is linear in RGB, so the
 * channel differences are transformed directly instead of converting both colours.
 */
export function yiqDelta(a: Uint8Array, b: Uint8Array, offset: number): number {
  let dr = a[offset]! - b[offset]!;
  let dg = a[offset + 1]! - b[offset + 1]!;
  let db = a[offset + 2]! - b[offset + 2]!;
  const alphaA = a[offset + 3]!;
  const alphaB = b[offset + 3]!;
  if (alphaA !== 255 || alphaB !== 255) {
    dr = overWhite(a[offset]!, alphaA) - overWhite(b[offset]!, alphaB);
    dg = overWhite(a[offset + 1]!, alphaA) - overWhite(b[offset + 1]!, alphaB);
    db = overWhite(a[offset + 2]!, alphaA) - overWhite(b[offset + 2]!, alphaB);
  }
  const y = 0.29889531 * dr + 0.58662247 * dg + 0.11448223 * db;
  const i = 0.59597799 * dr - 0.2741761 * dg - 0.32180189 * db;
  const q = 0.21147017 * dr - 0.52261711 * dg + 0.31114694 * db;
  return 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
}

/** Brightness (the Y of YIQ) of the pixel at byte offset `offset`, over white. */
export function brightness(image: Uint8Array, offset: number): number {
  const alpha = image[offset + 3]!;
  const r = overWhite(image[offset]!, alpha);
  const g = overWhite(image[offset + 1]!, alpha);
  const b = overWhite(image[offset + 2]!, alpha);
  return 0.29889531 * r + 0.58662247 * g + 0.11448223 * b;
}
