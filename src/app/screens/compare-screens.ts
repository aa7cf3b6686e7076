import path from 'node:path';
import type { ProviderId } from '../../config/schema.js';
import { VaiderError } from '../../base/errors.js';
import type { IgnoreRegion } from '../../drift/drift-types.js';
import { compareScreenFiles } from '../../drift/compare-screens.js';
import { MAX_SIDE } from '../../drift/pixel-diff.js';
import type { DriftSeverity } from '../../drift/severity.js';

export { DRIFT_SEVERITIES } from '../../drift/severity.js';
import type { TextDiff } from '../../drift/text-diff.js';
import { writeFileAtomic } from '../../base/atomic-write.js';
import { withAttempt } from '../../interactions/interaction-log.js';
import type { Box } from '../../screen/box.js';
import type { UseCaseContext } from '../use-case-context.js';
import { assertLooksLikeMedia, resolveInput } from '../analysis/resolve-input.js';

export interface CompareRequest {
  baseline: string;
  current: string;
  ignoreRegions?: IgnoreRegion[];
  maskPath?: string;
  /** Perceptual colour threshold 0..1 (default 0.1). */
  threshold?: number;
  provider?: ProviderId;
  requestedBy?: string;
  signal?: AbortSignal;
}

export interface ScreenDrift {
  baseline: string;
  current: string;
  width: number;
  height: number;
  sizeChange: { from: { width: number; height: number }; to: { width: number; height: number } } | null;
  /** 1 − the changed share of the screen, anti-aliasing and ignored areas excluded. */
  similarity: number;
  ssim: number;
  regions: Array<{ box: Box; areaShare: number; text: string[] }>;
  text: TextDiff;
  severity: DriftSeverity;
  severityReason: string;
  /** What changed in a model's words, when a model provider is configured; null offline. */
  semantic: string[] | null;
  diffImage: string;
  interactionsDir: string;
  /** Caps that applied: screens larger than the comparison's limit are compared scaled down. */
  warnings: string[];
}


async function imageInput(ctx: UseCaseContext, file: string) {
  const input = await resolveInput(file, ctx.config);
  if (input.kind !== 'image') throw new VaiderError('BAD_ARGUMENT', `${file} is a video; compare screenshots or keyframes (.png, .jpg, .webp).`, { path: file });
  await assertLooksLikeMedia(input);
  return input.path;
}

/**
 * Two screens compared on three layers: pixels (perceptual colour with anti-aliasing detection, SSIM,
 * regions), text (OCR of both, diffed) and, with a model provider, words for what changed; with a
 * severity and a diff image written beside the current screen's interactions.
 */
export async function compareScreens(ctx: UseCaseContext, request: CompareRequest): Promise<ScreenDrift> {
  const [baseline, current] = [await imageInput(ctx, request.baseline), await imageInput(ctx, request.current)];
  const maskPath = request.maskPath ? await imageInput(ctx, request.maskPath) : undefined;
  const provider = ctx.providerFor(request.provider);
  return withAttempt(current, 'compare', ctx.config.rules.interactions.keep_attempts, async (log) => {
    await log.event('agent.compare_requested', { requested_by: request.requestedBy ?? 'api', baseline, current });

    const compared = await compareScreenFiles(baseline, current, {
      ocr: (file) => provider.ocr(file, { signal: request.signal }),
      ...(request.threshold !== undefined && { threshold: request.threshold }),
      ignoreRegions: request.ignoreRegions ?? [],
      ...(maskPath && { maskPath }),
    });
    const { pixels, before, after, text, severity } = compared;
    const semantic = provider.id === 'local' || severity === 'none' ? null : (await provider.compare(baseline, current, { signal: request.signal })).changes;

    const diffImage = path.join(log.dir, `diff-vs-${path.basename(baseline).replace(/\.[^.]+$/, '')}.png`);
    await writeFileAtomic(diffImage, pixels.diffImage);
    const drift: ScreenDrift = {
      baseline,
      current,
      width: pixels.width,
      height: pixels.height,
      sizeChange: pixels.sizeChange,
      similarity: pixels.pixelSimilarity,
      ssim: pixels.ssim,
      regions: compared.regions,
      text,
      severity,
      severityReason: compared.severityReason,
      semantic,
      diffImage,
      interactionsDir: log.dir,
      warnings:
        Math.max(before?.width ?? 0, before?.height ?? 0, after?.width ?? 0, after?.height ?? 0) > MAX_SIDE
          ? [`Screens over ${MAX_SIDE} px on a side were compared scaled down to fit; regions are in scaled pixels.`]
          : [],
    };
    await log.exchange('compare', { operation: 'compare', baseline, current, ignore_regions: request.ignoreRegions ?? [], threshold: request.threshold ?? null }, drift);
    return drift;
  });
}
