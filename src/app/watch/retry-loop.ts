import type { ResolvedConfig } from '../../config/load-config.js';
import { toVaiderError, type VaiderError } from '../../base/errors.js';
import type { Ledger } from '../../interactions/attempt-history.js';
import { InteractionFolder } from '../../interactions/interaction-log.js';
import { fingerprintFile } from '../../base/file-fingerprint.js';
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
 * needs_attention, telling the developer where to look. Counts live in the input's interactions
 * folder (ledger.json, shown in status.json); giving up resets them, so the next video starts afresh.
 */
export function createRetryLoop({ config, store, emit, submit, stopped }: RetryLoopDeps): RetryLoop {
  const rules = config.rules;

  const folderOf = (file: string) => InteractionFolder.open(file, { keepAttempts: rules.interactions.keep_attempts });

  async function updateLedger(file: string, change: (ledger: Ledger) => void): Promise<InteractionFolder> {
    const folder = await folderOf(file);
    await folder.updateLedger(change);
    return folder;
  }

  async function giveUp(job: Job, message: string): Promise<void> {
    const folder = await updateLedger(job.path, (ledger) => {
      ledger.attention = message;
      ledger.retry = { mismatch: 0, error: 0 };
    });
    await store.update(job.id, { state: 'needs_attention' });
    await folder.event('internal.gave_up', { message, job: job.id });
    emit({ type: 'attention', path: job.path, message, interactionsDir: folder.dir, runId: job.run_id });
  }

  /** A new result supersedes an old call for attention, and tells where the loop stands. */
  async function retryCounts(file: string): Promise<Ledger['retry']> {
    let counts: Ledger['retry'] = { mismatch: 0, error: 0 };
    await updateLedger(file, (ledger) => {
      ledger.attention = null;
      counts = ledger.retry;
    });
    return counts;
  }

  /** Re-runs the test, then queues its new video, or gives up when it wrote none. */
  async function rerun(job: Job, test: TestIdentity | null, decision: Extract<RetryDecision, { action: 'rerun' }>, reason: 'mismatch' | 'error'): Promise<void> {
    let argv: string[];
    try {
      argv = rerunArgv(rules.rerun_command!, { video: job.path, test });
    } catch (error) {
      return giveUp(job, toVaiderError(error).message);
    }
    const attempt = await (await folderOf(job.path)).startAttempt('rerun');
    emit({ type: 'rerun', path: job.path, reason, attempt: decision.attempt, max: decision.max, argv });
    await attempt.event('internal.rerun_started', { argv, reason, attempt: decision.attempt, max: decision.max });
    const result = await runRerun(argv, config.projectRoot, rules.rerun_timeout_seconds, stopped);
    await attempt.exchange('rerun', { argv, reason, attempt: decision.attempt }, { exit_code: result.exitCode, timed_out: result.timedOut, output: result.output });
    await attempt.finish({});
    if (stopped.aborted) return;
    if (result.timedOut) return giveUp(job, `The re-run took longer than ${rules.rerun_timeout_seconds} s (rerun_timeout_seconds): ${argv.join(' ')}`);
    const hash = (await fingerprintFile(job.path, { signal: stopped }).catch(() => undefined))?.digest;
    if (!hash || hash === job.hash) return giveUp(job, `The re-run did not write a new video to ${job.path}: ${argv.join(' ')}`);
    await submit(job.path);
  }

  return {
    async afterVerdict(job, verdict, test) {
      const counts = await retryCounts(job.path);
      if (verdict !== 'mismatch') {
        // A match ends the loop; anything else that is not a failure never starts one.
        if (verdict === 'match') await updateLedger(job.path, (ledger) => (ledger.retry = { mismatch: 0, error: 0 }));
        return;
      }
      const decision = afterMismatch(rules, counts.mismatch);
      if (decision.action === 'give_up') return giveUp(job, decision.message);
      if (decision.action !== 'rerun') return;
      await updateLedger(job.path, (ledger) => (ledger.retry.mismatch = decision.attempt));
      await rerun(job, test, decision, 'mismatch');
    },

    async afterFailure(job, error, test) {
      const counts = await retryCounts(job.path);
      const decision = afterError(rules, counts.error, error.code, error.message);
      if (decision.action === 'give_up') return giveUp(job, decision.message);
      if (decision.action === 'none') return;
      await updateLedger(job.path, (ledger) => (ledger.retry.error = decision.attempt));
      if (decision.action === 'reanalyze') {
        emit({ type: 'rerun', path: job.path, reason: 'error', attempt: decision.attempt, max: decision.max, argv: [] });
        await store.requeue(job.id, { no_cache: true, error: null });
        return;
      }
      await rerun(job, test, decision, 'error');
    },
  };
}
