import { setMaxListeners } from 'node:events';
import { VaiderError } from '../errors.js';

/**
 * One signal for an analysis: aborted by the caller (CANCELLED) or by analysis_timeout_seconds
 * (ANALYSIS_TIMEOUT). The reason is a VaiderError, so whatever is interrupted rethrows the right code.
 */
export function analysisDeadline(timeoutSeconds: number, outer?: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  // Every OCR call and ffmpeg process of the analysis listens to this one signal; 24 keyframes
  // exceed Node's default of 10 listeners, which is a leak warning, not a leak.
  setMaxListeners(200, controller.signal);
  const timer = setTimeout(() => {
    controller.abort(
      new VaiderError('ANALYSIS_TIMEOUT', `The analysis took longer than ${timeoutSeconds} s (analysis_timeout_seconds).`, {
        timeout_seconds: timeoutSeconds,
      }),
    );
  }, timeoutSeconds * 1000);
  const onOuterAbort = () => controller.abort(new VaiderError('CANCELLED', 'The analysis was cancelled.'));
  if (outer?.aborted) onOuterAbort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
