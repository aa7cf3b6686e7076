import type { VaiderRules } from '../../config/schema.js';
import type { ErrorCode } from '../../base/errors.js';

export type RetryDecision =
  | { action: 'none' }
  | { action: 'rerun'; attempt: number; max: number }
  | { action: 'reanalyze'; attempt: number; max: number }
  | { action: 'give_up'; message: string };

/** Failures a second look at the same file can cure: the machine was busy, a worker died. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['ANALYSIS_TIMEOUT', 'OCR_FAILED', 'INTERNAL']);

type Rules = Pick<VaiderRules, 'on_mismatch' | 'max_mismatch_retries' | 'max_error_retries' | 'rerun_command'>;

/** After a mismatch: re-run the test, or give up, per on_mismatch and max_mismatch_retries. */
export function afterMismatch(rules: Rules, rerunsSoFar: number): RetryDecision {
  if (rules.on_mismatch === 'ignore') return { action: 'none' };
  if (rules.on_mismatch === 'notify') return { action: 'give_up', message: 'The video does not match its expectations (on_mismatch is "notify").' };
  if (rerunsSoFar >= rules.max_mismatch_retries) {
    return { action: 'give_up', message: `The video still does not match after ${rerunsSoFar} re-runs (max_mismatch_retries).` };
  }
  if (!rules.rerun_command) {
    return { action: 'give_up', message: 'The video does not match, and no rerun_command is configured to re-run the test.' };
  }
  return { action: 'rerun', attempt: rerunsSoFar + 1, max: rules.max_mismatch_retries };
}

/**
 * After an analysis error: analyze the same file again when the failure may pass (a timeout), re-run
 * the test when the video itself is bad and a rerun_command exists, else give up; at most
 * max_error_retries times.
 */
export function afterError(rules: Rules, retriesSoFar: number, code: ErrorCode, message: string): RetryDecision {
  if (retriesSoFar >= rules.max_error_retries) {
    return { action: 'give_up', message: `The analysis failed after ${retriesSoFar} retries (max_error_retries): ${code}: ${message}` };
  }
  const attempt = retriesSoFar + 1;
  if (TRANSIENT.has(code)) return { action: 'reanalyze', attempt, max: rules.max_error_retries };
  if (rules.rerun_command) return { action: 'rerun', attempt, max: rules.max_error_retries };
  return { action: 'give_up', message: `The analysis failed (${code}: ${message}) and no rerun_command is configured to record a new video.` };
}
