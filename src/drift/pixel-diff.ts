import { VaiderError } from '../base/errors.js';
import { classifyPixels } from './classify-pixels.js';
import { renderDiffImage } from './diff-image.js';
import { changedRegions } from './diff-regions.js';
import type { PixelComparison, PixelDiffOptions } from './drift-types.js';
import { ignoreMap } from './ignore-map.js';
import { loadRgba, readImageSize, type ImageSize } from './load-rgba.js';
import { meanSsim } from './ssim.js';
import { maxDeltaFor } from './yiq-delta.js';

/** Screens larger than this on a side are compared scaled down: detail beyond it costs time, not findings. */
export const MAX_SIDE = 4096;

function checkOptions(options: PixelDiffOptions): void {
  const { threshold } = options;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new VaiderError('BAD_ARGUMENT', `The pixel threshold must be a number from 0 to 1, got ${String(threshold)}.`, { threshold });
  }
}

function scaledSize(size: ImageSize, scale: number): ImageSize {
  if (scale === 1) return size;
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * Compares two screenshots pixel by pixel: how many pixels changed beyond `threshold`, where (clustered
 * regions), how alike the structure is (SSIM), and a diff image. Screens of different sizes are compared
 * over their common top-left area. Screens over 4096 px on a side are both scaled by the same factor,
 * so `width`, `height`, region boxes and the diff image are then in scaled pixels; ignore regions are
 * given in the current screen's own pixels and scaled along.
 */
export async function comparePixels(baselinePath: string, currentPath: string, options: Partial<PixelDiffOptions> = {}): Promise<PixelComparison> {
  const settings: PixelDiffOptions = {
    threshold: options.threshold ?? 0.1,
    ignoreAntialiasing: options.ignoreAntialiasing ?? true,
    ignoreRegions: options.ignoreRegions ?? [],
    maskPath: options.maskPath,
  };
  checkOptions(settings);
  const [baselineSize, currentSize] = await Promise.all([readImageSize(baselinePath), readImageSize(currentPath)]);
  const scale = Math.min(1, MAX_SIDE / Math.max(baselineSize.width, baselineSize.height, currentSize.width, currentSize.height));
  const baselineScaled = scaledSize(baselineSize, scale);
  const currentScaled = scaledSize(currentSize, scale);
  const width = Math.min(baselineScaled.width, currentScaled.width);
  const height = Math.min(baselineScaled.height, currentScaled.height);
  const compared = { width, height };

  const [baseline, current, currentWhole, ignored] = await Promise.all([
    loadRgba(baselinePath, baselineSize, baselineScaled, compared),
    loadRgba(currentPath, currentSize, currentScaled, compared),
    // Only a larger current screen needs a second, uncropped copy, for the diff image.
    currentScaled.width === width && currentScaled.height === height ? null : loadRgba(currentPath, currentSize, currentScaled, currentScaled),
    ignoreMap({ regions: settings.ignoreRegions, maskPath: settings.maskPath, scale, currentScaled }, width, height),
  ]);

  const screenPixels = width * height;
  // Byte-equal screens (a keyframe that did not change, a screen compared with itself) are the same
  // at every pixel: nothing to classify, no region, an SSIM of 1.
  const equal = ignored === null && baseline.data.equals(current.data);
  const pixels = equal
    ? { states: new Uint8Array(screenPixels), changed: 0, antialiased: 0, ignored: 0 }
    : classifyPixels(baseline.data, current.data, width, height, maxDeltaFor(settings.threshold), settings.ignoreAntialiasing, ignored);
  const comparedPixels = screenPixels - pixels.ignored;
  const regions = equal ? [] : changedRegions(pixels.states, width, height, screenPixels);
  const ssim = equal ? 1 : meanSsim(baseline.data, current.data, width, height, pixels.states);
  const whole = currentWhole ?? current;
  const diffImage = await renderDiffImage({
    current: whole.data,
    currentWidth: whole.width,
    currentHeight: whole.height,
    states: pixels.states,
    width,
    height,
    regions,
  });
  const sameSize = baselineSize.width === currentSize.width && baselineSize.height === currentSize.height;
  return {
    width,
    height,
    scale,
    sizeChange: sameSize ? null : { from: baselineSize, to: currentSize },
    changedPixels: pixels.changed,
    pixelSimilarity: comparedPixels === 0 ? 1 : 1 - pixels.changed / comparedPixels,
    ssim,
    regions,
    diffImage,
  };
}
