import { availableParallelism } from 'node:os';
import { toVaiderError, VaiderError } from '../../errors.js';
import { InteractionLog } from '../../interactions/interaction-log.js';
import type { RunStatus } from '../../interactions/interaction-types.js';
import { resolveInsideRoots } from '../../security/allowed-roots.js';
import type { Job, JobStore } from './job-store.js';
import { fileHash } from '../../util/file-hash.js';
import type { Vaider } from '../create-vaider.js';
import { expectationsFor, type TestIdentity } from '../analysis/expectation-sources.js';
import { rerunArgv, runRerun } from './rerun-command.js';
import { afterError, afterMismatch, type RetryDecision } from './retry-decision.js';
import type { RunService } from '../runs/run-service.js';
import type { WatchEvent, WatchListener } from './watch-events.js';

export interface WatchTally {
  ok: number;
  mismatches: number;
  errors: number;
  attention: number;
}

export interface WatchService {
  /** A settled file to analyze: queued unless this content at this path is known already. */
  submit(file: string): Promise<void>;
  /** A file still being written long after it appeared: reported, and still awaited. */
  reportStillWriting(file: string, elapsedMs: number): Promise<void>;
  /** Resolves when nothing is queued, running or being re-run. */
  idle(): Promise<void>;
  onEvent(listener: WatchListener): () => void;
  /** Where each file's current content stands: its job's state and verdict, as `watch --once` reports them. */
  outcome(files: string[]): Promise<WatchTally>;
  /** Stops taking jobs; analyses in flight are stopped and their jobs resume on the next start. */
  close(): Promise<void>;
}

/**
 * The watcher's application side: a durable queue of detected files, analyzed at most
 * max_concurrent_analyses at a time through the run service, with the VaiderRules retry loop:
 * re-run a mismatching test (rerun_command, no shell) and verify its new video, retry failed
 * analyses, and give up into needs_attention, telling the developer where to look.
 */
export function createWatchService(app: { vaider: Vaider; runs: RunService }, store: JobStore): WatchService {
  const { config } = app.vaider;
  const rules = config.rules;
  const limit = rules.max_concurrent_analyses ?? Math.max(1, availableParallelism() - 1);
  const listeners = new Set<WatchListener>();
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let idleWaiters: Array<() => void> = [];
  let running = 0;

  const emit = (event: WatchEvent) => {
    for (const listener of listeners) listener(event);
  };
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      checkIdle();
    });
  };
  function checkIdle(): void {
    if (running === 0 && inFlight.size === 0 && store.pending === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

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

  /** Waits until the file has stopped changing, then queues its new content, or gives up when there is none. */
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
    const result = await runRerun(argv, config.projectRoot, rules.rerun_timeout_seconds, shutdown.signal);
    await log.exchange('rerun', { argv, reason, attempt: decision.attempt }, { exit_code: result.exitCode, timed_out: result.timedOut, output: result.output });
    if (shutdown.signal.aborted) return;
    if (result.timedOut) return giveUp(job, `The re-run took longer than ${rules.rerun_timeout_seconds} s (rerun_timeout_seconds): ${argv.join(' ')}`);
    const hash = await fileHash(job.path).catch(() => undefined);
    if (!hash || hash === job.hash) return giveUp(job, `The re-run did not write a new video to ${job.path}: ${argv.join(' ')}`);
    await submit(job.path);
  }

  async function afterVerdict(job: Job, verdict: string, test: TestIdentity | null): Promise<void> {
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
  }

  async function afterFailure(job: Job, error: VaiderError, test: TestIdentity | null): Promise<void> {
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
  }

  async function process(job: Job): Promise<void> {
    let test: TestIdentity | null = null;
    try {
      const found = await expectationsFor(job.path, config);
      test = found.test;
      const { run, cached } = await app.runs.analyze({
        input: job.path,
        expectations: found.expectations,
        requestedBy: 'watcher',
        noCache: job.no_cache,
        signal: shutdown.signal,
      });
      const verdict = run.result?.verdict?.status ?? 'described';
      await store.update(job.id, { state: 'done', run_id: run.id, verdict, error: null });
      emit({
        type: 'verdict',
        path: job.path,
        verdict,
        explanation: run.result?.verdict?.explanation ?? run.result?.description.summary ?? '',
        runId: run.id,
        interactionsDir: run.result?.interactions_dir ?? '',
        cached,
      });
      await afterVerdict({ ...job, run_id: run.id }, verdict, test);
    } catch (thrown) {
      if (shutdown.signal.aborted) {
        // Stopped, not failed: the job is analyzed on the next start.
        await store.update(job.id, { state: 'pending' });
        return;
      }
      const error = toVaiderError(thrown);
      await store.update(job.id, { state: 'error', error: { code: error.code, message: error.message } });
      emit({ type: 'error', path: job.path, error });
      if (error.code !== 'INPUT_NOT_FOUND' && error.code !== 'PATH_OUTSIDE_ROOTS') await afterFailure(job, error, test);
    }
  }

  function pump(): void {
    while (!shutdown.signal.aborted && running < limit && store.pending > 0) {
      running++;
      track(
        (async () => {
          try {
            const job = await store.take();
            if (job) await process(job);
          } finally {
            running--;
            pump();
          }
        })(),
      );
    }
    checkIdle();
  }

  async function submit(file: string): Promise<void> {
    if (shutdown.signal.aborted) return;
    // The watcher sees the whole project; only what lies inside the allowed roots is Vaider's to touch.
    const inside = await resolveInsideRoots(file, config.allowedRoots).catch(() => undefined);
    if (!inside) return;
    const hash = await fileHash(file).catch(() => undefined);
    if (!hash) return;
    const job = await store.enqueue(file, hash);
    if (job) emit({ type: 'detected', path: file });
    pump();
  }

  // Jobs left pending (or cut short) by an earlier run of the daemon start at once.
  queueMicrotask(pump);

  return {
    submit: (file) => {
      const work = submit(file);
      track(work);
      return work;
    },
    async reportStillWriting(file, elapsedMs) {
      const inside = await resolveInsideRoots(file, config.allowedRoots).catch(() => undefined);
      if (!inside) return;
      const log = await InteractionLog.open(file);
      await log.event('internal.still_writing', { seconds: Math.round(elapsedMs / 1000) });
      emit({ type: 'still_writing', path: file, seconds: Math.round(elapsedMs / 1000) });
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async outcome(files) {
      const tally: WatchTally = { ok: 0, mismatches: 0, errors: 0, attention: 0 };
      for (const file of files) {
        const hash = await fileHash(file).catch(() => undefined);
        const job = hash ? store.find(file, hash) : undefined;
        if (!job || job.state === 'error') tally.errors++;
        else if (job.state === 'needs_attention') tally.attention++;
        else if (job.verdict === 'mismatch') tally.mismatches++;
        else tally.ok++;
      }
      return tally;
    },
    async close() {
      shutdown.abort(new VaiderError('CANCELLED', 'The watcher is stopping.'));
      await Promise.allSettled([...inFlight]);
    },
  };
}
