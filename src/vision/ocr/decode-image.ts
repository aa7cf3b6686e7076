import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { VaiderError } from '../../base/errors.js';
import type { RgbImage } from './rgb-image.js';

async function readInput(imagePath: string): Promise<Buffer> {
  try {
    return await readFile(imagePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VaiderError('INPUT_NOT_FOUND', `No such image: ${imagePath}`, { path: imagePath });
    if (code === 'EISDIR') {
      throw new VaiderError('INPUT_IS_DIRECTORY', `Expected an image, got a folder: ${imagePath}`, { path: imagePath });
    }
    throw error;
  }
}

/**
 * Decodes a path or an encoded image (PNG, JPEG, WebP...) to RGB. Transparent pixels are flattened onto
 * white, as a screenshot with an alpha channel would be displayed, so they do not turn into black.
 */
export async function decodeImage(input: string | Buffer): Promise<RgbImage> {
  const source = typeof input === 'string' ? input : 'the image buffer';
  const encoded = typeof input === 'string' ? await readInput(input) : input;
  if (encoded.length === 0) throw new VaiderError('INPUT_EMPTY', `The image is empty: ${source}`, { path: source });
  try {
    const { data, info } = await sharp(encoded)
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    return { width: info.width, height: info.height, data };
  } catch (error) {
    throw new VaiderError('INPUT_NOT_MEDIA', `Not a decodable image: ${source}`, { path: source }, { cause: error });
  }
}
