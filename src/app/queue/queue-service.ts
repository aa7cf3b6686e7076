import { isErrorCode, toVaiderError, VaiderError, type ErrorCode } from '../../base/errors.js';
import { abortReason } from '../../base/abort-reason.js';
import type { ResolvedConfig } from '../../config/load-config.js';
import { openAnalysisQueue, startAnalysisWorker, watchAnalysisResults, type AnalysisQueue, type QueueSettings, type QueueStatus } from '../../queue/analysis-queue.js';
import type { RunOutcome, RunRequest, RunService } from '../runs/run-service.js';

export type { QueueStatus };
import { analyzeJob, jobOptions, prepareJob } from './queue-jobs.js';

/** One file's fate at submission. */
export interface Submission {
  file: string;
  /** The job's id and its run's id, when the file could be made a job. */
  job_id: string | null;
  run_id: string | null;
  /** `queued` now, `known` (the same job is already queued, running or done), or `refused`. */
  outcome: 'queued' | 'known' | 'refused';
  error: { code: ErrorCode; message: string } | null;
}

export interface QueueService {
  readonly settings: QueueSettings;
  /**
   * One analysis done by the fleet: enqueued (or found queued), waited for, and its run read from the
   * shared store. What a server's and a watcher's analyses become when the rules name a queue.
   */
  analyze(request: RunRequest): Promise<RunOutcome>;
  /** Enqueues each file; a file that cannot be a job is refused with its error, the others still go. */
  submit(files: string[], options: { expectations?: string[]; requestedBy: string }): Promise<Submission[]>;
  status(): Promise<QueueStatus>;
  /** Takes jobs until closed; `onJob` hears each one end. */
  work(concurrency: number, onJob?: (event: { id: string; path: string; run_id?: string; error?: string }) => void): { close(): Promise<void> };
  /** Shows the fleet's finished runs in this process's run list as they land (the server does). */
  followResults(): void;
  close(): Promise<void>;
}

/** A worker's `CODE: message` as the error it was. */
function fromJobFailure(reason: string): VaiderError {
  const match = /^([A-Z_]+): ([\s\S]*)$/.exec(reason);
  return new VaiderError(match && isErrorCode(match[1]) ? match[1] : 'INTERNAL', match?.[2] ?? reason);
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** How often the submitter tries a Redis that does not answer before it says what it could not enqueue. */
const SUBMIT_TRIES = 3;

export function createQueueService(config: ResolvedConfig, runs: RunService, settings: QueueSettings): QueueService {
  let queue: Promise<AnalysisQueue> | undefined;
  const open = () => {
    queue ??= openAnalysisQueue(settings);
    queue.catch(() => (queue = undefined));
    return queue;
  };
  const closers: Array<() => Promise<unknown>> = [];

  async function enqueueWithRetries(id: string, job: Parameters<AnalysisQueue['enqueue']>[1]): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (await open()).enqueue(id, job);
      } catch (error) {
        if (attempt >= SUBMIT_TRIES || toVaiderError(error).code !== 'QUEUE_UNAVAILABLE') throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  return {
    settings,
    async analyze(request) {
      const prepared = await prepareJob(config, request.input, {
        expectations: request.expectations,
        requestedBy: request.requestedBy ?? 'api',
        options: jobOptions(request),
        signal: request.signal,
      });
      const added = await enqueueWithRetries(prepared.id, prepared.job);
      // The caller may stop waiting (a client hung up, the server stops); the job stays queued for the fleet.
      const result = await untilAborted(
        (await open()).result(prepared.id).catch((error: Error) => {
          throw fromJobFailure(error.message);
        }),
        request.signal,
      );
      const run = await runs.adopt(result.run_id);
      if (!run) throw new VaiderError('INTERNAL', `Run ${result.run_id} of job ${prepared.id} is not in the shared store: do the workers see the same project storage?`);
      return { run, cached: !added };
    },
    async submit(files, { expectations, requestedBy }) {
      const results: Submission[] = [];
      let unreachable: VaiderError | undefined;
      for (const file of files) {
        if (unreachable) {
          results.push({ file, job_id: null, run_id: null, outcome: 'refused', error: { code: unreachable.code, message: unreachable.message } });
          continue;
        }
        try {
          const prepared = await prepareJob(config, file, { expectations, requestedBy });
          const added = await enqueueWithRetries(prepared.id, prepared.job);
          results.push({ file, job_id: prepared.id, run_id: prepared.run_id, outcome: added ? 'queued' : 'known', error: null });
        } catch (thrown) {
          const error = toVaiderError(thrown);
          // Redis gone: the rest would fail the same way; each is listed as not enqueued.
          if (error.code === 'QUEUE_UNAVAILABLE') unreachable = error;
          results.push({ file, job_id: null, run_id: null, outcome: 'refused', error: { code: error.code, message: error.message } });
        }
      }
      return results;
    },
    status: async () => (await open()).status(),
    work(concurrency, onJob) {
      const { worker, close } = startAnalysisWorker(settings, concurrency, (job, taken, signal) => analyzeJob(runs, job, taken, signal));
      worker.on('completed', (job, result) => onJob?.({ id: job.id ?? '', path: job.data.path, run_id: result.run_id }));
      worker.on('failed', (job, error) => job && onJob?.({ id: job.id ?? '', path: job.data.path, error: error.message }));
      closers.push(close);
      return { close };
    },
    followResults() {
      const events = watchAnalysisResults(settings, (result) => void runs.adopt(result.run_id).catch(() => undefined));
      closers.push(() => events.close());
    },
    async close() {
      await Promise.all(closers.splice(0).map((close) => close().catch(() => undefined)));
      const opened = await queue?.catch(() => undefined);
      queue = undefined;
      await opened?.close();
    },
  };
}
