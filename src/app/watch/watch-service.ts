import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { toVaiderError, VaiderError, type ErrorCode } from '../../base/errors.js';
import { InteractionFolder } from '../../interactions/interaction-log.js';
import { resolveInsideRoots } from '../../base/allowed-roots.js';
import type { FileFingerprint } from '../../base/file-fingerprint.js';
import { fingerprintInput } from '../analysis/input-fingerprint.js';
import { expectationsFor, type TestIdentity } from '../analysis/expectation-sources.js';
import type { Vaider } from '../vaider.js';
import type { Job, JobStore } from './job-store.js';
import { JobPump } from './job-pump.js';
import { createRetryLoop } from './retry-loop.js';
import type { WatchEvent, WatchListener } from './watch-events.js';

export interface WatchTally {
  ok: number;
  mismatches: number;
  errors: number;
  attention: number;
}

/** Where one file ended: its job's state, its last verdict and run, or why it has none. */
export interface WatchedFile {
  path: string;
  state: Job['state'] | 'not_analyzed';
  verdict: Job['verdict'];
  run_id: string | null;
  error: Job['error'];
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
  outcome(files: string[]): Promise<{ tally: WatchTally; results: WatchedFile[] }>;
  /** Stops taking jobs; analyses in flight are stopped and their jobs resume on the next start. */
  close(): Promise<void>;
}

/** Fingerprints remembered, one per path, the oldest forgotten first: about 200 bytes each. */
const REMEMBERED = 5000;
/** Faults of the machine rather than of the file: the file is submitted again after FAULT_RETRY_MS. */
const SYSTEM_FAULTS = new Set<ErrorCode>(['DISK_FULL', 'TOO_MANY_OPEN_FILES', 'READ_ONLY_FILESYSTEM', 'PERMISSION_DENIED']);
const FAULT_RETRY_MS = 10_000;
/**
 * The deadline for a detected file's fingerprint (a few sampled reads, milliseconds as a rule). Not the
 * analysis budget: a tight budget on a busy machine would drop the file at detection, before it is a
 * job that the error retries could take up again.
 */
const DETECT_TIMEOUT_S = 30;

/**
 * The watcher's application side: a durable queue of detected files, analyzed at most
 * max_concurrent_analyses at a time through the run service, each verdict or failure handed to the
 * VaiderRules retry loop (retry-loop.ts).
 */
export function createWatchService(app: Pick<Vaider, 'config' | 'runs'>, store: JobStore): WatchService {
  const { config } = app;
  const listeners = new Set<WatchListener>();
  const shutdown = new AbortController();
  // Every file detected, queued or analyzing listens for the shutdown: a flood of files is thousands of
  // listeners, which is expected and no leak (Node warns past 10).
  setMaxListeners(0, shutdown.signal);
  // The fingerprint taken when a file was detected serves its analysis and `outcome` too, while the
  // file is unchanged: each version of a file is read once.
  const fingerprints = new Map<string, FileFingerprint>();
  const fingerprint = async (file: string) => {
    const taken = await fingerprintInput(file, Math.max(config.rules.analysis_timeout_seconds, DETECT_TIMEOUT_S), shutdown.signal, fingerprints.get(file));
    fingerprints.delete(file);
    fingerprints.set(file, taken);
    if (fingerprints.size > REMEMBERED) fingerprints.delete(fingerprints.keys().next().value!);
    return taken;
  };
  const emit = (event: WatchEvent) => {
    for (const listener of listeners) listener(event);
  };
  const loop = createRetryLoop({ config, store, emit, submit: (file) => submit(file), stopped: shutdown.signal });
  const pump = new JobPump({
    limit: config.rules.max_concurrent_analyses ?? Math.max(1, availableParallelism() - 1),
    queued: () => store.pending,
    work: async () => {
      const job = await store.take();
      if (job) await analyzeJob(job);
    },
    stopped: shutdown.signal,
  });

  async function analyzeJob(job: Job): Promise<void> {
    let test: TestIdentity | null = null;
    try {
      const found = await expectationsFor(job.path, config);
      test = found.test;
      const { run, cached } = await app.runs.analyze({
        input: job.path,
        expectations: found.expectations,
        expectationsSource: found.source,
        requestedBy: 'watcher',
        noCache: job.no_cache,
        signal: shutdown.signal,
        fingerprint: fingerprints.get(job.path)?.digest === job.hash ? fingerprints.get(job.path) : undefined,
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
      await loop.afterVerdict({ ...job, run_id: run.id }, verdict, test);
    } catch (thrown) {
      if (shutdown.signal.aborted) {
        // Stopped, not failed: the job is analyzed on the next start.
        await store.update(job.id, { state: 'pending' });
        return;
      }
      const error = toVaiderError(thrown);
      await store.update(job.id, { state: 'error', error: { code: error.code, message: error.message } });
      emit({ type: 'error', path: job.path, error });
      if (error.code !== 'INPUT_NOT_FOUND' && error.code !== 'PATH_OUTSIDE_ROOTS') await loop.afterFailure(job, error, test);
    }
  }

  async function submit(file: string): Promise<void> {
    if (shutdown.signal.aborted) return;
    // The watcher sees the whole project; only what lies inside the allowed roots is Vaider's to touch.
    const inside = await resolveInsideRoots(file, config.allowedRoots).catch(() => undefined);
    if (!inside) return;
    let digest: string;
    try {
      ({ digest } = await fingerprint(file));
    } catch (thrown) {
      // A file gone again, or the watcher stopping, is not worth a word; a pipe or a device where a
      // video should be is.
      const error = toVaiderError(thrown);
      if (!shutdown.signal.aborted && error.code !== 'INPUT_NOT_FOUND') emit({ type: 'error', path: file, error });
      return;
    }
    let job: Job | undefined;
    try {
      job = await store.enqueue(file, digest);
    } catch (thrown) {
      // The machine refused (a full disk, no file handles left): said, and tried again later.
      const error = toVaiderError(thrown);
      emit({ type: 'error', path: file, error });
      if (!SYSTEM_FAULTS.has(error.code)) throw error;
      const retry = setTimeout(() => void pump.track(submit(file)).catch(() => undefined), FAULT_RETRY_MS);
      retry.unref();
      shutdown.signal.addEventListener('abort', () => clearTimeout(retry), { once: true });
      return;
    }
    if (job) emit({ type: 'detected', path: file });
    pump.pump();
  }

  // Jobs left pending (or cut short) by an earlier run of the daemon start at once.
  queueMicrotask(() => pump.pump());

  return {
    submit: (file) => pump.track(submit(file)),
    async reportStillWriting(file, elapsedMs) {
      const inside = await resolveInsideRoots(file, config.allowedRoots).catch(() => undefined);
      if (!inside) return;
      const folder = await InteractionFolder.open(file, { keepAttempts: config.rules.interactions.keep_attempts });
      await folder.event('internal.still_writing', { seconds: Math.round(elapsedMs / 1000) });
      emit({ type: 'still_writing', path: file, seconds: Math.round(elapsedMs / 1000) });
    },
    idle: () => pump.idle(),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async outcome(files) {
      const tally: WatchTally = { ok: 0, mismatches: 0, errors: 0, attention: 0 };
      const results: WatchedFile[] = [];
      for (const file of files) {
        const taken = await fingerprint(file).catch(() => undefined);
        const job = taken ? store.find(file, taken.digest) : undefined;
        results.push(job ? { path: file, state: job.state, verdict: job.verdict, run_id: job.run_id, error: job.error } : { path: file, state: 'not_analyzed', verdict: null, run_id: null, error: null });
        if (!job || job.state === 'error') tally.errors++;
        else if (job.state === 'needs_attention') tally.attention++;
        else if (job.verdict === 'mismatch') tally.mismatches++;
        else tally.ok++;
      }
      return { tally, results };
    },
    async close() {
      shutdown.abort(new VaiderError('CANCELLED', 'The watcher is stopping.'));
      await pump.settled();
    },
  };
}
