/** A decoded image as packed 8-bit RGB, row-major: the one shape every OCR step reads. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export function pixelAt(image: RgbImage, x: number, y: number): Rgb {
  const i = (y * image.width + x) * 3;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
}

/** Rec. 601 luma, 0..255. */
export function luminance([r, g, b]: Rgb): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/** Squared Euclidean RGB distance: comparisons against squared thresholds avoid a sqrt per pixel. */
export function colourDistanceSquared(a: Rgb, b: Rgb): number {
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return dr * dr + dg * dg + db * db;
}

/** Squared RGB distance from pixel `i` (an index into packed RGB data) to the nearest blend of `a` and `b`. */
export function distanceToBlendSquared(data: Uint8Array, i: number, a: Rgb, b: Rgb): number {
  const abR = b[0] - a[0], abG = b[1] - a[1], abB = b[2] - a[2];
  const apR = data[i]! - a[0], apG = data[i + 1]! - a[1], apB = data[i + 2]! - a[2];
  const length = abR * abR + abG * abG + abB * abB;
  const t = length === 0 ? 0 : Math.min(1, Math.max(0, (apR * abR + apG * abG + apB * abB) / length));
  const dR = apR - t * abR, dG = apG - t * abG, dB = apB - t * abB;
  return dR * dR + dG * dG + dB * dB;
}
