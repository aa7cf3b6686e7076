import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { VaiderError } from '../base/errors.js';
import { tileSimilarity, type Thumbnail } from '../media/thumbnail-similarity.js';
import { DEFAULT_STABILITY, type StabilityOptions, type StabilityResult } from './browser-driver.js';

/** The same thumbnail width video sampling uses: enough to see a changed word. */
const THUMB_LONG_SIDE = 320;

async function greyThumbnail(png: Buffer): Promise<Thumbnail> {
  const { data, info } = await sharp(png)
    .greyscale()
    .resize(THUMB_LONG_SIDE, THUMB_LONG_SIDE, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, pixels: data };
}

function checkedOptions(options: Partial<StabilityOptions>): StabilityOptions {
  const merged = { ...DEFAULT_STABILITY, ...options };
  const { pollMs, similarity, stableMs, timeoutMs } = merged;
  if (!(pollMs > 0) || !(stableMs >= 0) || !(timeoutMs >= 0) || !(similarity >= 0 && similarity <= 1)) {
    throw new VaiderError('BAD_ARGUMENT', 'Visual stability needs pollMs > 0, stableMs ≥ 0, timeoutMs ≥ 0 and similarity in 0..1.', merged);
  }
  return merged;
}

/**
 * Polls `screenshot` until consecutive thumbnails stay at least `similarity` alike for `stableMs`.
 * Each poll is compared with the previous one, not with the first still frame, so a slow drift
 * (a fade) keeps resetting the clock until it really stops. A screen whose size changed counts as
 * changed. Gives up at `timeoutMs` with `stable: false`; a timeout is a result, not an error.
 */
export async function waitForVisualStability(
  screenshot: () => Promise<Buffer>,
  options: Partial<StabilityOptions> = {},
): Promise<StabilityResult> {
  const { pollMs, similarity, stableMs, timeoutMs } = checkedOptions(options);
  const started = Date.now();
  let previous = await greyThumbnail(await screenshot());
  let polls = 1;
  let stillSince = Date.now();
  for (;;) {
    const now = Date.now();
    if (now - stillSince >= stableMs) return { stable: true, waitedMs: now - started, polls };
    if (now - started >= timeoutMs) return { stable: false, waitedMs: now - started, polls };
    await sleep(Math.min(pollMs, Math.max(0, started + timeoutMs - now)));
    const current = await greyThumbnail(await screenshot());
    polls++;
    const sameSize = current.width === previous.width && current.height === previous.height;
    if (!sameSize || tileSimilarity(previous, current) < similarity) stillSince = Date.now();
    previous = current;
  }
}
