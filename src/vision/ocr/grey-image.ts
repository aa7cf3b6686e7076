import type { Rgb, RgbImage } from './rgb-image.js';

/** 8-bit greyscale, row-major: what tesseract is fed. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * How light a colour stands out on a dark page: its brightest channel. Luma would leave saturated text
 * dim: terminal red (205, 0, 0) has a luma of 61, and once negated it is paler than tesseract's
 * threshold, or than the shades flattened into the background, where its brightest channel is as
 * bright as grey text.
 */
export function darkPageLightness([r, g, b]: Rgb): number {
  return Math.max(r, g, b);
}

/**
 * Greyscale copy of the page, negated for dark themes so text is dark on light, as tesseract reads best:
 * by luma on a light page, by darkPageLightness on a dark one. Levels lighter than `lightest` become
 * `background`: faint shades fused into this pass over every pixel.
 */
export function pageGrey(image: RgbImage, negate: boolean, lightest: number, background: number): GreyImage {
  const pixels = image.width * image.height;
  const data = new Uint8Array(pixels);
  const rgb = image.data;
  for (let p = 0, i = 0; p < pixels; p++, i += 3) {
    const r = rgb[i]!, g = rgb[i + 1]!, b = rgb[i + 2]!;
    // Rec. 601 luma in 8-bit fixed point, as `luminance` but inlined; the brightest channel likewise.
    const grey = negate ? 255 - (r > g ? (r > b ? r : b) : g > b ? g : b) : (77 * r + 150 * g + 29 * b) >> 8;
    data[p] = grey > lightest ? background : grey;
  }
  return { width: image.width, height: image.height, data };
}

/**
 * Binary PGM (P5). Tesseract's Leptonica reads it natively, and unlike PNG it costs nothing to encode,
 * which matters when every screenshot is sent to a worker several times.
 */
export function encodePgm(image: GreyImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([header, image.data]);
}

