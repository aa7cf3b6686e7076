import type { RunRecord } from './run-types.js';

/** What a run came to, in one word: its state until it is done, then its verdict, or `described`. */
export const RUN_STATUSES = ['queued', 'analyzing', 'error', 'match', 'mismatch', 'uncertain', 'described'] as const;
export type RunStatusWord = (typeof RUN_STATUSES)[number];

export function runStatus(run: Pick<RunRecord, 'state' | 'result'>): RunStatusWord {
  if (run.state !== 'done') return run.state;
  return run.result?.verdict?.status ?? 'described';
}
