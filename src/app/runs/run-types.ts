import type { ErrorCode } from '../../base/errors.js';
import type { ResultSummary } from '../analysis/result-summary.js';

export type RunState = 'queued' | 'analyzing' | 'done' | 'error';

/** One analysis as the server remembers it: what was asked, where it stands, and what came of it. */
export interface RunRecord {
  id: string;
  input: string;
  /** The test that recorded the input, when its sidecar names one (the Playwright reporter's). */
  test_title?: string | null;
  expectations: string[];
  provider: string;
  requested_by: string;
  state: RunState;
  created_at: string;
  updated_at: string;
  /** Key of the content and the parameters, for the cache. */
  cache_key: string | null;
  result: ResultSummary | null;
  error: { code: ErrorCode; message: string } | null;
  /** A person's decision on the run's drift, from the viewer (absent in runs recorded before it). */
  review?: DriftReview | null;
  /**
   * A queued job's run: which start of the job wrote it (the queue counts each worker's start). A
   * later start's record is never written over by an earlier one still running.
   */
  job_attempt?: number;
}

/** `accepted`: its screens became the baseline; `rejected`: the drift is a regression to fix. */
export interface DriftReview {
  decision: 'accepted' | 'rejected';
  at: string;
}
