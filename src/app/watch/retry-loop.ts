import type { ResolvedConfig } from '../../config/load-config.js';
import { toVaiderError, type VaiderError } from '../../base/errors.js';
import { InteractionLog } from '../../interactions/interaction-log.js';
import type { RunStatus } from '../../interactions/interaction-types.js';
import { fileHash } from '../../base/file-hash.js';
import type { TestIdentity } from '../analysis/expectation-sources.js';
import type { Job, JobStore } from './job-store.js';
import { rerunArgv, runRerun } from './rerun-command.js';
import { afterError, afterMismatch, type RetryDecision } from './retry-decision.js';
import type { WatchEvent } from './watch-events.js';

export interface RetryLoopDeps {
  config: ResolvedConfig;
  store: JobStore;
  emit(event: WatchEvent): void;
  /** Queues a file's new content: how a re-run's video comes back to be verified. */
  submit(file: string): Promise<void>;
  stopped: AbortSignal;
}

export interface RetryLoop {
  afterVerdict(job: Job, verdict: string, test: TestIdentity | null): Promise<void>;
  afterFailure(job: Job, error: VaiderError, test: TestIdentity | null): Promise<void>;
}

/**
 * The VaiderRules retry loop after a job's verdict or failure: re-run a mismatching test
 * (rerun_command, no shell) and verify its new video, retry a failed analysis, and give up into
 * needs_attention, telling the developer where to look. Counts live in the input's status.json.
 */
export function createRetryLoop({ config, store, emit, submit, stopped }: RetryLoopDeps): RetryLoop {
  const rules = config.rules;

  async function updateStatus(file: string, change: (status: RunStatus) => void): Promise<InteractionLog> {
    const log = await InteractionLog.open(file);
    const status = await log.readStatus();
    if (status) {
      status.retry ??= { mismatch: 0, error: 0 };
      change(status);
      status.updated_at = new Date().toISOString();
      await log.writeStatus(status);
    }
    return log;
  }

  async function giveUp(job: Job, message: string): Promise<void> {
    const log = await updateStatus(job.path, (status) => {
      status.state = 'needs_attention';
      status.attention = message;
    });
    await store.update(job.id, { state: 'needs_attention' });
    await log.event('internal.gave_up', { message, job: job.id });
    await log.prependToReadme(`> **Needs attention.** ${message}\n\n`);
    emit({ type: 'attention', path: job.path, message, interactionsDir: log.dir, runId: job.run_id });
  }

  /** Re-runs the test, then queues its new video, or gives up when it wrote none. */
  async function rerun(job: Job, test: TestIdentity | null, decision: Extract<RetryDecision, { action: 'rerun' }>, reason: 'mismatch' | 'error'): Promise<void> {
    let argv: string[];
    try {
      argv = rerunArgv(rules.rerun_command!, { video: job.path, test });
    } catch (error) {
      return giveUp(job, toVaiderError(error).message);
    }
    const log = await InteractionLog.open(job.path);
    emit({ type: 'rerun', path: job.path, reason, attempt: decision.attempt, max: decision.max, argv });
    await log.event('internal.rerun_started', { argv, reason, attempt: decision.attempt, max: decision.max });
    const result = await runRerun(argv, config.projectRoot, rules.rerun_timeout_seconds, stopped);
    await log.exchange('rerun', { argv, reason, attempt: decision.attempt }, { exit_code: result.exitCode, timed_out: result.timedOut, output: result.output });
    if (stopped.aborted) return;
    if (result.timedOut) return giveUp(job, `The re-run took longer than ${rules.rerun_timeout_seconds} s (rerun_timeout_seconds): ${argv.join(' ')}`);
    const hash = await fileHash(job.path).catch(() => undefined);
    if (!hash || hash === job.hash) return giveUp(job, `The re-run did not write a new video to ${job.path}: ${argv.join(' ')}`);
    await submit(job.path);
  }

  return {
    async afterVerdict(job, verdict, test) {
      if (verdict !== 'mismatch') {
        // A match ends the loop; anything else that is not a failure never starts one.
        await updateStatus(job.path, (status) => {
          if (verdict === 'match') status.retry = { mismatch: 0, error: 0 };
        });
        return;
      }
      const status = await (await InteractionLog.open(job.path)).readStatus();
      const decision = afterMismatch(rules, status?.retry?.mismatch ?? 0);
      if (decision.action === 'give_up') return giveUp(job, decision.message);
      if (decision.action !== 'rerun') return;
      await updateStatus(job.path, (s) => (s.retry.mismatch = decision.attempt));
      await rerun(job, test, decision, 'mismatch');
    },

    async afterFailure(job, error, test) {
      const status = await (await InteractionLog.open(job.path)).readStatus();
      const decision = afterError(rules, status?.retry?.error ?? 0, error.code, error.message);
      if (decision.action === 'give_up') return giveUp(job, decision.message);
      if (decision.action === 'none') return;
      await updateStatus(job.path, (s) => (s.retry.error = decision.attempt));
      if (decision.action === 'reanalyze') {
        emit({ type: 'rerun', path: job.path, reason: 'error', attempt: decision.attempt, max: decision.max, argv: [] });
        await store.requeue(job.id, { no_cache: true, error: null });
        return;
      }
      await rerun(job, test, decision, 'error');
    },
  };
}
