import type { ErrorCode } from '../errors.js';
import type { Verdict } from '../vision/types.js';

/** `agent.*` what a caller asked, `remote.*` calls to model services, `internal.*` Vaider's own steps. */
export type LogEventName = `agent.${string}` | `remote.${string}` | `internal.${string}`;

export type RunState = 'analyzing' | 'done' | 'error';

export interface RunStatus {
  input: string;
  state: RunState;
  attempts: {
    /** Analyses of this input so far, this one included. */
    total: number;
    mismatches: number;
    errors: number;
  };
  last_verdict: Pick<Verdict, 'status' | 'confidence' | 'explanation'> | null;
  last_error: { code: ErrorCode; message: string } | null;
  started_at: string;
  updated_at: string;
}
