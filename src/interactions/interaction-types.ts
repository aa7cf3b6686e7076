import type { ErrorCode } from '../base/errors.js';
import type { Verdict } from '../screen/verdict.js';

/** `agent.*` what a caller asked, `remote.*` calls to model services, `internal.*` Vaider's own steps. */
export type LogEventName = `agent.${string}` | `remote.${string}` | `internal.${string}`;

/** `needs_attention`: the retry loop gave up; a person has to look. */
export type RunState = 'analyzing' | 'done' | 'error' | 'needs_attention';

export interface RunStatus {
  input: string;
  state: RunState;
  attempts: {
    /** Analyses of this input so far, this one included. */
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
  started_at: string;
  updated_at: string;
}
