import { VaiderError } from '../base/errors.js';
import type { IgnoreRegion } from './drift-types.js';
import { loadRgba, readImageSize, type ImageSize } from './load-rgba.js';

/**
 * Which compared pixels to leave out, one byte each (1 = ignored), from boxes and a mask image; null when
 * nothing is ignored, so the common case allocates nothing.
 */

/** A mask pixel brighter than this in any channel is "non-black": lossy masks are never exactly 0. */
const MASK_BLACK_LEVEL = 32;

export interface IgnoreSources {
  regions: IgnoreRegion[];
  maskPath?: string;
  /** Current-screen pixels to compared pixels (below 1 when large screens were scaled down). */
  scale: number;
  /** The current screen after scaling, which the mask is aligned with. */
  currentScaled: ImageSize;
}

function checkRegion(region: IgnoreRegion): void {
  const values = [region.x, region.y, region.width, region.height];
  if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v)) || region.width < 0 || region.height < 0) {
    throw new VaiderError('BAD_ARGUMENT', `An ignore region needs finite x, y and a non-negative width and height: ${JSON.stringify(region)}`, {
      region,
    });
  }
}

function markRegion(map: Uint8Array, width: number, height: number, region: IgnoreRegion, scale: number): void {
  const left = Math.max(0, Math.floor(region.x * scale));
  const top = Math.max(0, Math.floor(region.y * scale));
  const right = Math.min(width, Math.ceil((region.x + region.width) * scale));
  const bottom = Math.min(height, Math.ceil((region.y + region.height) * scale));
  for (let y = top; y < bottom; y++) map.fill(1, y * width + left, y * width + Math.max(left, right));
}

async function markMask(map: Uint8Array, width: number, height: number, maskPath: string, currentScaled: ImageSize): Promise<void> {
  // The mask is drawn over the current screen; a mask of another size is stretched onto it.
  const mask = await loadRgba(maskPath, await readImageSize(maskPath), currentScaled, { width, height });
  const data = mask.data;
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    if (data[o]! > MASK_BLACK_LEVEL || data[o + 1]! > MASK_BLACK_LEVEL || data[o + 2]! > MASK_BLACK_LEVEL) map[i] = 1;
  }
}

export async function ignoreMap(sources: IgnoreSources, width: number, height: number): Promise<Uint8Array | null> {
  sources.regions.forEach(checkRegion);
  if (sources.regions.length === 0 && sources.maskPath === undefined) return null;
  const map = new Uint8Array(width * height);
  for (const region of sources.regions) markRegion(map, width, height, region, sources.scale);
  if (sources.maskPath !== undefined) await markMask(map, width, height, sources.maskPath, sources.currentScaled);
  return map;
}
