import type { ErrorCode } from '../base/errors.js';
import type { ExpectationStatus, Verdict } from '../screen/verdict.js';

/** `agent.*` what a caller asked, `remote.*` calls to model services, `internal.*` Vaider's own steps. */
export type LogEventName = `agent.${string}` | `remote.${string}` | `internal.${string}`;

/** What an attempt folder holds: an analysis, a screenshot question, a comparison, a flow run, a test re-run. */
export type AttemptKind = 'analysis' | 'describe' | 'find' | 'compare' | 'flow' | 'rerun';

/** `needs_attention`: the retry loop gave up; a person has to look. */
export type RunState = 'analyzing' | 'done' | 'error' | 'needs_attention';

/** The recording an attempt saw: a re-run writes a new one at the same path. */
export interface RecordingStamp {
  size: number;
  mtime_ms: number;
}

/** `attempts/NNN/attempt.json`: one attempt, written when it starts and again when it ends. */
export interface AttemptRecord {
  attempt: number;
  kind: AttemptKind;
  /** `running` until it ends; a running attempt whose process is gone was cut short. */
  state: 'running' | 'done' | 'error';
  /** The process running it, so a reader can tell a running attempt from one cut short by a crash. */
  pid: number;
  started_at: string;
  finished_at: string | null;
  recording: RecordingStamp | null;
  verdict: (Pick<Verdict, 'status' | 'confidence' | 'explanation'> & { results: Array<{ expectation: string; status: ExpectationStatus }> }) | null;
  error: { code: ErrorCode; message: string } | null;
}

/** One attempt as status.json lists it. */
export interface AttemptSummary {
  attempt: number;
  kind: AttemptKind;
  /** The attempt's folder, relative to the interactions folder. */
  dir: string;
  state: AttemptRecord['state'];
  started_at: string;
  finished_at: string | null;
  verdict: Verdict['status'] | null;
  error_code: ErrorCode | null;
}

/**
 * status.json of an interactions folder: derived from the attempts' own records each time one starts
 * or ends, plus what only the retry loop knows. Counts include pruned attempts.
 */
export interface RunStatus {
  input: string;
  state: RunState;
  attempts: {
    /** Analyses of this input so far. */
    total: number;
    mismatches: number;
    errors: number;
  };
  /**
   * The VaiderRules retry loop's counts since the last match: test re-runs after mismatches, and
   * retries after analysis errors. Kept here so they survive restarts.
   */
  retry: { mismatch: number; error: number };
  /** Why the retry loop gave up, when state is needs_attention. */
  attention: string | null;
  last_verdict: Pick<Verdict, 'status' | 'confidence' | 'explanation'> | null;
  last_error: { code: ErrorCode; message: string } | null;
  /** The attempts still in the folder, oldest first. */
  history: AttemptSummary[];
  /** Attempts removed to keep the folder within interactions.keep_attempts. */
  pruned: number;
  started_at: string;
  updated_at: string;
}
