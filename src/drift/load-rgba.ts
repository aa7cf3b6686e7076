import { stat } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { VaiderError, type ErrorCode } from '../base/errors.js';

export interface ImageSize {
  width: number;
  height: number;
}

export interface RgbaImage extends ImageSize {
  data: Buffer;
}

/** sharp refuses images over its pixel limit (about 268 megapixels) before decoding a byte. */
function decodeError(file: string, error: unknown, code: ErrorCode, what: string): VaiderError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new VaiderError('INPUT_TOO_LARGE', `${file}: the image has too many pixels to decode (${message}).`, { file }, { cause: error });
  }
  return new VaiderError(code, `${file}: ${what} (${message}).`, { file }, { cause: error });
}

async function checkFile(file: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new VaiderError('INPUT_IS_DIRECTORY', `Expected an image, got a folder: ${file}`, { file });
    size = info.size;
  } catch (error) {
    if (error instanceof VaiderError) throw error;
    throw new VaiderError('INPUT_NOT_FOUND', `No such image: ${file}`, { file }, { cause: error });
  }
  if (size === 0) throw new VaiderError('INPUT_EMPTY', `The image is empty: ${file}`, { file });
}

/** The displayed size (EXIF orientation applied); a file sharp cannot read at all is not an image. */
export async function readImageSize(file: string): Promise<ImageSize> {
  await checkFile(file);
  try {
    const metadata = await sharp(file).metadata();
    const width = metadata.autoOrient?.width ?? metadata.width;
    const height = metadata.autoOrient?.height ?? metadata.height;
    if (!width || !height) throw new Error('no dimensions');
    return { width, height };
  } catch (error) {
    throw decodeError(file, error, 'INPUT_NOT_MEDIA', 'not an image that can be decoded');
  }
}

/**
 * Decodes `file` (of displayed size `size`) to RGBA, resized to `scaled` when that differs, keeping the
 * top-left `crop` of it. The header was already read, so a failure here means the pixel data is damaged
 * (a truncated download, a half-written screenshot).
 */
export async function loadRgba(file: string, size: ImageSize, scaled: ImageSize, crop: ImageSize): Promise<RgbaImage> {
  try {
    let pipeline: Sharp = sharp(file).autoOrient();
    if (scaled.width !== size.width || scaled.height !== size.height) {
      pipeline = pipeline.resize({ width: scaled.width, height: scaled.height, fit: 'fill' });
    }
    if (crop.width !== scaled.width || crop.height !== scaled.height) {
      pipeline = pipeline.extract({ left: 0, top: 0, width: crop.width, height: crop.height });
    }
    const { data, info } = await pipeline.toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw decodeError(file, error, 'INPUT_CORRUPT', 'the image data is damaged and cannot be decoded');
  }
}
