import type { RgbImage } from './rgb-image.js';

/** 8-bit greyscale, row-major: what tesseract is fed. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Greyscale copy of the page, negated for dark themes so text is dark on light, as tesseract reads best.
 * Levels lighter than `lightest` become `background`: faint shades fused into this pass over every pixel.
 */
export function pageGrey(image: RgbImage, negate: boolean, lightest: number, background: number): GreyImage {
  const pixels = image.width * image.height;
  const data = new Uint8Array(pixels);
  const rgb = image.data;
  for (let p = 0, i = 0; p < pixels; p++, i += 3) {
    // Rec. 601 luma in 8-bit fixed point, as `luminance` but inlined.
    const luma = (77 * rgb[i]! + 150 * rgb[i + 1]! + 29 * rgb[i + 2]!) >> 8;
    const grey = negate ? 255 - luma : luma;
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

