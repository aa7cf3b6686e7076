import { setMaxListeners } from 'node:events';
import { VaiderError } from '../../base/errors.js';

export interface AnalysisDeadline {
  signal: AbortSignal;
  /**
   * Fits the deadline to a video's length: `analysis_timeout_seconds` is the budget for each minute of
   * video, so a ten-minute recording gets ten times the budget of a clip, and a clip never less than one.
   */
  fitTo(durationSeconds: number): void;
  /**
   * `performance.now()` after which a video's frames are no longer read, leaving a fifth of the budget
   * to finish: past it the rest of the video is reported as not read instead of the whole analysis
   * failing.
   */
  readUntil(): number;
  dispose(): void;
}

/** Share of the budget that reading a video's text may use. */
const READING_SHARE = 0.8;

/**
 * One signal for an analysis: aborted by the caller (CANCELLED) or by analysis_timeout_seconds
 * (ANALYSIS_TIMEOUT). The reason is a VaiderError, so whatever is interrupted rethrows the right code.
 */
export function analysisDeadline(timeoutSeconds: number, outer?: AbortSignal): AnalysisDeadline {
  const started = performance.now();
  const controller = new AbortController();
  // Every OCR call and ffmpeg process of the analysis listens to this one signal, far more than
  // Node's default of 10 listeners: a leak warning, not a leak.
  setMaxListeners(500, controller.signal);
  let budget = timeoutSeconds;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    const left = Math.max(0, started + budget * 1000 - performance.now());
    timer = setTimeout(() => {
      controller.abort(
        new VaiderError(
          'ANALYSIS_TIMEOUT',
          `The analysis took longer than ${Math.round(budget)} s (analysis_timeout_seconds = ${timeoutSeconds} per minute of video). Raise it in VaiderRules.json or with --timeout.`,
          { timeout_seconds: timeoutSeconds, budget_seconds: budget },
        ),
      );
    }, left);
  };
  arm();
  const onOuterAbort = () => controller.abort(new VaiderError('CANCELLED', 'The analysis was cancelled.'));
  if (outer?.aborted) onOuterAbort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    fitTo(durationSeconds) {
      budget = timeoutSeconds * Math.max(1, durationSeconds / 60);
      if (!controller.signal.aborted) arm();
    },
    readUntil: () => started + READING_SHARE * budget * 1000,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
