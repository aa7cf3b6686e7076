/**
 * Change measures on small greyscale thumbnails (one byte a pixel).
 *
 * A whole-image measure cannot tell a UI change from noise: "Welcome, Alice" appearing covers under
 * 1% of a 720p screen, so any global score stays above 0.98. The similarity is therefore taken
 * per tile and the worst tile wins, which is how a text change, a toast or a counter registers
 * while compression noise (below PIXEL_NOISE) and a blinking caret (a sliver of one tile) do not.
 */

export interface Thumbnail {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Grey-level differences up to this are compression noise, not change. */
const PIXEL_NOISE = 24;
const TILE = 16;

/** 1 − the changed fraction of the most-changed tile. */
export function tileSimilarity(a: Thumbnail, b: Thumbnail): number {
  const { width, height } = a;
  let worst = 0;
  for (let ty = 0; ty < height; ty += TILE) {
    const yEnd = Math.min(ty + TILE, height);
    for (let tx = 0; tx < width; tx += TILE) {
      const xEnd = Math.min(tx + TILE, width);
      let changed = 0;
      for (let y = ty; y < yEnd; y++) {
        const row = y * width;
        for (let x = tx; x < xEnd; x++) {
          const d = a.pixels[row + x]! - b.pixels[row + x]!;
          if (d > PIXEL_NOISE || d < -PIXEL_NOISE) changed++;
        }
      }
      const fraction = changed / ((yEnd - ty) * (xEnd - tx));
      if (fraction > worst) worst = fraction;
    }
  }
  return 1 - worst;
}

/** The share of the screen that changed (0..1): how big a change is, for ranking keyframes. */
export function changedArea(a: Thumbnail, b: Thumbnail): number {
  const n = a.pixels.length;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const d = a.pixels[i]! - b.pixels[i]!;
    if (d > PIXEL_NOISE || d < -PIXEL_NOISE) changed++;
  }
  return n === 0 ? 0 : changed / n;
}
