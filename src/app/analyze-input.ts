import type { ResolvedConfig } from '../config/load-config.js';
import { toVaiderError, VaiderError } from '../errors.js';
import { InteractionLog } from '../interactions/interaction-log.js';
import type { RunStatus } from '../interactions/interaction-types.js';
import { extractImageKeyframe, extractVideoKeyframes } from '../media/extract-keyframes.js';
import type { KeyframeExtraction, KeyframeSettings } from '../media/keyframe-types.js';
import type { CallContext, FrameRef } from '../vision/types.js';
import { emptyUsage, modelCallRecorder } from './model-usage.js';
import { checkDrift } from './drift-check.js';
import type { AppContext } from './app-context.js';
import { analysisDeadline } from './analysis-deadline.js';
import type { AnalysisProgress, AnalysisResult, AnalyzeRequest } from './analysis-types.js';
import { assertLooksLikeMedia, resolveInput } from './resolve-input.js';
import { analysisReadme, errorReadme } from './run-readme.js';

function keyframeSettings(config: ResolvedConfig, maxKeyframes: number | undefined): KeyframeSettings {
  const { keyframes, limits } = config.rules;
  return {
    max: maxKeyframes ?? keyframes.max,
    similarity: keyframes.similarity,
    stableMs: keyframes.stable_ms,
    sampleFps: keyframes.sample_fps,
    contactSheet: keyframes.contact_sheet,
    maxDimension: limits.max_dimension,
    maxDuration: limits.max_duration_seconds,
  };
}

/** Share of the progress bar each stage fills: decoding dominates videos, OCR the rest. */
const STAGE_SPAN: Record<AnalysisProgress['stage'], [number, number]> = {
  probe: [0, 0.02],
  keyframes: [0.02, 0.5],
  describe: [0.5, 0.95],
  verify: [0.95, 1],
  done: [1, 1],
};

function progressReporter(onProgress: AnalyzeRequest['onProgress']) {
  return (stage: AnalysisProgress['stage'], within: number, message: string) => {
    const [from, to] = STAGE_SPAN[stage];
    onProgress?.({ stage, fraction: from + (to - from) * Math.min(1, Math.max(0, within)), message });
  };
}

function nextStatus(previous: RunStatus | undefined, input: string, startedAt: string, patch: Partial<RunStatus>): RunStatus {
  return {
    input,
    state: 'analyzing',
    attempts: previous?.attempts ?? { total: 0, mismatches: 0, errors: 0 },
    retry: previous?.retry ?? { mismatch: 0, error: 0 },
    attention: null,
    last_verdict: previous?.last_verdict ?? null,
    last_error: null,
    started_at: startedAt,
    ...patch,
    updated_at: new Date().toISOString(),
  };
}

/** One analysis of a video or screenshot: keyframes, description, verdict, and the interactions folder. */
export async function analyzeInput(ctx: AppContext, request: AnalyzeRequest): Promise<AnalysisResult> {
  const { config, providerFor } = ctx;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const report = progressReporter(request.onProgress);
  const expectations = (request.expectations ?? []).map((e) => e.trim()).filter(Boolean);
  const providerId = request.provider ?? config.rules.vision.provider;
  const input = await resolveInput(request.input, config);
  const log = await InteractionLog.open(input.path);
  const previous = await log.readStatus();
  const attempts = previous?.attempts ?? { total: 0, mismatches: 0, errors: 0 };
  attempts.total += 1;
  await log.writeStatus(nextStatus(previous, input.path, startedAt, { attempts }));
  await log.event('agent.analyze_requested', {
    requested_by: request.requestedBy ?? 'api',
    input: input.path,
    expectations,
    provider: providerId,
  });

  const deadline = analysisDeadline(config.rules.analysis_timeout_seconds, request.signal);
  const signal = deadline.signal;
  try {
    await assertLooksLikeMedia(input);
    report('probe', 0, 'probing');
    const settings = keyframeSettings(config, request.maxKeyframes);
    const extraction: KeyframeExtraction =
      input.kind === 'video'
        ? await extractVideoKeyframes(input.path, log.keyframesDir, settings, {
            signal,
            onProgress: (p) => report('keyframes', p.fraction, p.message),
          })
        : await extractImageKeyframe(input.path, log.keyframesDir, settings);
    signal.throwIfAborted();
    await log.event('internal.keyframes_extracted', {
      count: extraction.keyframes.length,
      sampled_frames: extraction.sampledFrames,
      media: extraction.media,
      warnings: extraction.warnings,
      timeline: extraction.timelinePath,
      ms: Math.round(performance.now() - started),
    });

    const provider = providerFor(providerId, request.sampling);
    const frames: FrameRef[] = extraction.keyframes.map((k) => ({
      index: k.index,
      time: k.time,
      path: k.path,
      width: k.width,
      height: k.height,
    }));
    const usage = emptyUsage();
    const callContext: CallContext = {
      signal,
      noCache: request.noCache,
      ...(input.kind === 'video' && { video: { path: input.path, duration: extraction.media.duration } }),
      ...modelCallRecorder(log, usage),
    };
    report('describe', 0, `reading ${frames.length} keyframes`);
    const description = await provider.describe(frames, {
      ...callContext,
      onProgress: (done, total) => report('describe', done / total, `read ${done}/${total} keyframes`),
    });
    await log.exchange('describe', { operation: 'describe', provider: provider.id, frames }, description);

    let verdict = null;
    if (expectations.length > 0) {
      report('verify', 0, `checking ${expectations.length} expectations`);
      verdict = await provider.verify(frames, expectations, callContext);
      await log.exchange('verify', { operation: 'verify', provider: provider.id, expectations, frames }, verdict);
      if (verdict.status === 'mismatch') attempts.mismatches += 1;
    }

    const drift = config.rules.drift ? await checkDrift(config, provider, input.path, frames, log.dir) : null;
    if (drift) {
      await log.exchange('drift', { operation: 'drift', baseline: drift.baseline, screens: frames.map((f) => f.path) }, drift);
      await log.event('internal.drift_checked', { severity: drift.severity, created: drift.created, baseline: drift.baseline });
    }

    const result: AnalysisResult = {
      input: input.path,
      media: extraction.media,
      provider: provider.id,
      description,
      verdict,
      keyframes: extraction.keyframes,
      timelinePath: extraction.timelinePath,
      contactSheetPath: extraction.contactSheetPath,
      interactionsDir: log.dir,
      warnings: extraction.warnings,
      drift,
      usage,
      durationMs: Math.round(performance.now() - started),
    };
    await log.writeReadme(analysisReadme(result));
    await log.writeStatus(
      nextStatus(previous, input.path, startedAt, {
        state: 'done',
        attempts,
        last_verdict: verdict && { status: verdict.status, confidence: verdict.confidence, explanation: verdict.explanation },
      }),
    );
    await log.event('internal.analysis_done', { verdict: verdict?.status ?? 'described', ms: result.durationMs });
    report('done', 1, 'done');
    return result;
  } catch (thrown) {
    const error = toVaiderError(signal.aborted && !(thrown instanceof VaiderError) ? signal.reason : thrown);
    attempts.errors += 1;
    await log.writeStatus(
      nextStatus(previous, input.path, startedAt, { state: 'error', attempts, last_error: { code: error.code, message: error.message } }),
    );
    await log.event('internal.analysis_failed', { code: error.code, message: error.message, details: error.details });
    await log.writeReadme(errorReadme(input.path, error));
    throw error;
  } finally {
    deadline.dispose();
  }
}
