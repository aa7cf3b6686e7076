import type { Box } from '../screen/box.js';

/** A rectangle to leave out of a comparison (a clock, an avatar, a random id), in pixels of the current screen. */
export type IgnoreRegion = Box;

export interface PixelDiffOptions {
  /**
   * Per-pixel colour difference threshold, 0..1, in the perceptual YIQ space pixelmatch and
   * Playwright's comparator use: 0.1 by default; smaller is stricter.
   */
  threshold: number;
  /** Ignore differences that look like anti-aliasing (edge pixels with a darker and a brighter neighbour). */
  ignoreAntialiasing: boolean;
  ignoreRegions: IgnoreRegion[];
  /** Optional mask image (same size as the current screen): non-black pixels are ignored. */
  maskPath?: string;
}

export interface ChangedRegion {
  box: Box;
  /** Share of the whole screen this region's changed pixels cover (0..1). */
  areaShare: number;
  /** Changed pixels in the region. */
  pixels: number;
}

/** The pixel layer's answer for two screens. */
export interface PixelComparison {
  width: number;
  height: number;
  /** Compared pixels per pixel of the screens: 1, or below 1 when screens over 4096 px were scaled down. */
  scale: number;
  /** Different sizes are reported, then the overlapping top-left area is compared. */
  sizeChange: { from: { width: number; height: number }; to: { width: number; height: number } } | null;
  /** Pixels over the threshold, anti-aliasing and ignored areas excluded. */
  changedPixels: number;
  /** 1 − changed share of the compared area. */
  pixelSimilarity: number;
  /** Mean SSIM over the compared area (luminance, 8×8 windows). */
  ssim: number;
  regions: ChangedRegion[];
  /** PNG: the current screen dimmed, changed pixels red, regions outlined. */
  diffImage: Buffer;
}
