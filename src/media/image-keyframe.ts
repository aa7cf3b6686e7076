import path from 'node:path';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { VaiderError, type ErrorCode } from '../base/errors.js';
import { writeFileAtomic } from '../base/atomic-write.js';
import { keyframeFileName, prepareKeyframeFolder } from './keyframe-files.js';
import type { Keyframe, KeyframeSettings, MediaSummary } from './keyframe-types.js';

/** sharp refuses images over its pixel limit (about 268 megapixels) before decoding a byte. */
function imageError(file: string, error: unknown, code: ErrorCode, what: string): VaiderError {
  const message = (error as Error).message;
  if (/pixel limit/i.test(message)) {
    return new VaiderError('INPUT_TOO_LARGE', `${file}: the image has too many pixels to decode (${message}).`, { file });
  }
  return new VaiderError(code, `${file}: ${what} (${message}).`, { file });
}

export interface ImageKeyframe {
  media: MediaSummary;
  keyframe: Keyframe;
  warnings: string[];
}

/** A screenshot is its own single keyframe, re-encoded as PNG (and scaled down if it exceeds the cap). */
export async function extractImageKeyframe(file: string, dir: string, settings: Pick<KeyframeSettings, 'maxDimension'>): Promise<ImageKeyframe> {
  let metadata: Metadata;
  try {
    metadata = await sharp(file).metadata();
  } catch (error) {
    throw imageError(file, error, 'INPUT_NOT_MEDIA', 'not an image that can be decoded');
  }
  const width = metadata.autoOrient?.width ?? metadata.width ?? 0;
  const height = metadata.autoOrient?.height ?? metadata.height ?? 0;
  const warnings: string[] = [];
  let pipeline = sharp(file).autoOrient();
  if (Math.max(width, height) > settings.maxDimension) {
    warnings.push(`The image of ${width}×${height} was scaled down to fit ${settings.maxDimension} px (limits.max_dimension).`);
    pipeline = pipeline.resize({ width: settings.maxDimension, height: settings.maxDimension, fit: 'inside' });
  }
  await prepareKeyframeFolder(dir);
  const out = path.join(dir, keyframeFileName(0, 0));
  let info: OutputInfo;
  try {
    const result = await pipeline.png({ compressionLevel: 3 }).toBuffer({ resolveWithObject: true });
    info = result.info;
    await writeFileAtomic(out, result.data);
  } catch (error) {
    throw imageError(file, error, 'INPUT_CORRUPT', 'the image is truncated or corrupt');
  }
  const media: MediaSummary = { kind: 'image', width, height, duration: 0, codec: metadata.format ?? 'unknown' };
  const keyframe: Keyframe = {
    index: 0,
    time: 0,
    end: 0,
    frameTime: 0,
    changeScore: 1,
    reasons: ['first', 'last'],
    why: 'the screenshot itself',
    path: out,
    width: info.width,
    height: info.height,
  };
  return { media, keyframe, warnings };
}
