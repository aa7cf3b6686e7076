import type { ResolvedConfig } from '../../config/load-config.js';
import { toVaiderError, VaiderError } from '../../base/errors.js';
import { InteractionFolder, type AttemptOutcome } from '../../interactions/interaction-log.js';
import type { Verdict } from '../../screen/verdict.js';
import type { KeyframeSettings } from '../../media/keyframe-types.js';
import { readScreenshot } from '../../vision/timeline/read-screenshot.js';
import { readVideo, type VideoReading } from '../../vision/timeline/read-video.js';
import { timelineDocument } from '../../vision/timeline/timeline-document.js';
import type { CallContext, FrameRef, ScreenEvidence } from '../../vision/types.js';
import { emptyUsage, modelCallRecorder } from './model-usage.js';
import { checkDrift } from '../screens/drift-check.js';
import { chosenProvider, type UseCaseContext } from '../use-case-context.js';
import { analysisDeadline } from './analysis-deadline.js';
import { requestExpectations } from './expectation-sources.js';
import type { AnalysisProgress, AnalysisResult, AnalyzeRequest } from './analysis-types.js';
import { assertLooksLikeMedia, resolveInput } from './resolve-input.js';
import { analysisReadme, errorReadme } from './run-readme.js';
import { writeContactSheet } from '../../media/contact-sheet.js';
import { contactSheetEntries } from '../../media/keyframe-files.js';
import { failingEvidence } from '../../screen/verdict.js';

function keyframeSettings(config: ResolvedConfig, maxKeyframes: number | undefined): KeyframeSettings {
  const { keyframes, limits } = config.rules;
  return {
    max: maxKeyframes ?? keyframes.max,
    stableMs: keyframes.stable_ms,
    sampleFps: keyframes.sample_fps,
    contactSheet: keyframes.contact_sheet,
    maxDimension: limits.max_dimension,
    maxDuration: limits.max_duration_seconds,
  };
}

/** Share of the progress bar each stage fills: decoding and reading the text is nearly all of it. */
const STAGE_SPAN: Record<AnalysisProgress['stage'], [number, number]> = {
  probe: [0, 0.02],
  timeline: [0.02, 0.9],
  describe: [0.9, 0.93],
  verify: [0.93, 1],
  done: [1, 1],
};

function progressReporter(onProgress: AnalyzeRequest['onProgress']) {
  return (stage: AnalysisProgress['stage'], within: number, message: string) => {
    const [from, to] = STAGE_SPAN[stage];
    onProgress?.({ stage, fraction: from + (to - from) * Math.min(1, Math.max(0, within)), message });
  };
}

/** What an attempt's record keeps of a verdict: enough to tell what changed between attempts. */
function attemptVerdict(verdict: Verdict): NonNullable<AttemptOutcome['verdict']> {
  return {
    status: verdict.status,
    confidence: verdict.confidence,
    explanation: verdict.explanation,
    results: verdict.results.map((r) => ({ expectation: r.expectation, status: r.status })),
  };
}

/** One analysis of a video or screenshot: keyframes, description, verdict, and the interactions folder. */
export async function analyzeInput(ctx: UseCaseContext, request: AnalyzeRequest): Promise<AnalysisResult> {
  const { config, providerFor } = ctx;
  const started = performance.now();
  const report = progressReporter(request.onProgress);
  const providerId = chosenProvider(config, request.provider);
  const input = request.resolved ?? (await resolveInput(request.input, config));
  const { expectations, source: expectationsSource } = await requestExpectations(input.path, config, request.expectations, request.expectationsSource);
  const folder = await InteractionFolder.open(input.path, { keepAttempts: config.rules.interactions.keep_attempts });
  // A folder of its own: concurrent analyses of one input never share a file.
  const log = await folder.startAttempt('analysis');
  await log.event('agent.analyze_requested', {
    requested_by: request.requestedBy ?? 'api',
    input: input.path,
    expectations,
    expectations_source: expectationsSource,
    provider: providerId,
  });

  const deadline = analysisDeadline(config.rules.analysis_timeout_seconds, request.signal);
  const signal = deadline.signal;
  try {
    await assertLooksLikeMedia(input);
    report('probe', 0, 'probing');
    const settings = keyframeSettings(config, request.maxKeyframes);
    const provider = providerFor(providerId, request.sampling);
    const reading: VideoReading =
      input.kind === 'video'
        ? await readVideo(input.path, log.keyframesDir, settings, (image, s) => provider.ocrFrame(image, { signal: s }), {
            signal,
            onProgress: (p) => report('timeline', p.fraction, p.message),
            onDuration: (seconds) => deadline.fitTo(seconds),
            readUntil: deadline.readUntil,
          })
        : await readScreenshot(input.path, log.keyframesDir, settings, (file) => provider.ocr(file, { signal }));
    signal.throwIfAborted();
    const { timeline } = reading;
    // A provider that cannot answer (no API key) is said up front, not left to a silent fallback.
    const warnings = provider.unavailable
      ? [`${provider.id} cannot be used: ${provider.unavailable} Its fallbacks answer instead, ending with the offline local provider.`, ...reading.warnings]
      : reading.warnings;
    const textTimelinePath = await log.writeJson('text-timeline.json', timelineDocument(timeline));
    await log.event('internal.timeline_read', {
      states: timeline.states.length,
      lines: timeline.spans.length,
      keyframes: reading.keyframes.length,
      frames: timeline.counts,
      gaps: timeline.gaps,
      media: reading.media,
      warnings,
      ms: Math.round(performance.now() - started),
    });

    const frames: FrameRef[] = reading.keyframes.map((k) => ({
      index: k.index,
      time: k.time,
      path: k.path,
      width: k.width,
      height: k.height,
    }));
    const evidence: ScreenEvidence = { frames, timeline, frameAt: reading.frameAt };
    const usage = emptyUsage();
    const callContext: CallContext = {
      signal,
      noCache: request.noCache,
      ...(input.kind === 'video' && { video: { path: input.path, duration: reading.media.duration } }),
      ...modelCallRecorder(log, usage),
    };
    report('describe', 0, `describing ${timeline.states.length} text states`);
    const description = await provider.describe(evidence, callContext);
    await log.exchange('describe', { operation: 'describe', provider: provider.id, frames, text_timeline: 'text-timeline.json' }, description);

    let verdict = null;
    if (expectations.length > 0) {
      report('verify', 0, `checking ${expectations.length} expectations`);
      verdict = await provider.verify(evidence, expectations, callContext);
      await log.exchange('verify', { operation: 'verify', provider: provider.id, expectations, frames, text_timeline: 'text-timeline.json' }, verdict);
      // The sheet was drawn before the verdict; drawn again, it shows at a glance where expectations failed.
      const failing = failingEvidence(verdict);
      if (reading.contactSheetPath && reading.keyframes.some((k) => failing.has(k.path))) {
        await writeContactSheet(contactSheetEntries(reading.keyframes, failing), reading.contactSheetPath);
      }
    }

    const drift = (request.drift ?? config.rules.drift) ? await checkDrift(config, provider, input.path, frames, log.dir) : null;
    if (drift) {
      await log.exchange('drift', { operation: 'drift', baseline: drift.baseline, screens: frames.map((f) => f.path) }, drift);
      await log.event('internal.drift_checked', { severity: drift.severity, created: drift.created, baseline: drift.baseline });
    }

    const result: AnalysisResult = {
      input: input.path,
      media: reading.media,
      provider: provider.id,
      description,
      verdict,
      expectationsSource,
      keyframes: reading.keyframes,
      timelinePath: reading.timelinePath,
      textTimelinePath,
      coverage: { complete: timeline.gaps.length === 0, gaps: timeline.gaps },
      contactSheetPath: reading.contactSheetPath,
      interactionsDir: log.dir,
      warnings,
      drift,
      usage,
      durationMs: Math.round(performance.now() - started),
    };
    await log.writeReadme(analysisReadme(result));
    await log.event('internal.analysis_done', { verdict: verdict?.status ?? 'described', ms: result.durationMs });
    await log.finish({ verdict: verdict && attemptVerdict(verdict) });
    report('done', 1, 'done');
    return result;
  } catch (thrown) {
    const error = toVaiderError(signal.aborted && !(thrown instanceof VaiderError) ? signal.reason : thrown);
    // The analysis's own error is what the caller needs; failing to record it (a full disk) must not
    // replace it. A record left running is read as cut short once this process is gone.
    await Promise.allSettled([
      log.event('internal.analysis_failed', { code: error.code, message: error.message, details: error.details }),
      log.writeReadme(errorReadme(input.path, error)),
    ]);
    await log.finish({ error: { code: error.code, message: error.message } }).catch(() => undefined);
    throw error;
  } finally {
    deadline.dispose();
  }
}
