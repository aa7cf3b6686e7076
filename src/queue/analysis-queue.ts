import { Queue, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import { connected, redisConnection } from './redis-connection.js';

/**
 * One analysis to do, as it travels through Redis: where the input is on the shared storage, what to
 * check and where that came from, and the rules it was submitted under. Never the video's bytes.
 */
export interface AnalysisJob {
  path: string;
  expectations: string[];
  expectations_source: string | null;
  /** A hash of the resolved rules the submitter used: part of the job's id, so changed rules make a new job. */
  rules_hash: string;
  requested_by: string;
  submitted_at: string;
  /** What the submitter asked beyond the rules' defaults; absent fields take the worker's rules. */
  options?: AnalysisJobOptions;
}

export interface AnalysisJobOptions {
  provider?: string;
  max_keyframes?: number;
  drift?: boolean;
  /** Ask again: skip the run cache and the model response cache. */
  no_cache?: boolean;
}

/** What a finished job answers: the run it recorded. */
export interface AnalysisJobResult {
  run_id: string;
  verdict: string | null;
}

export interface QueueSettings {
  url: string;
  name: string;
  lockSeconds: number;
  /** Tries per job: the first and the retries after an error. */
  attempts: number;
  rateLimit?: { max: number; perSeconds: number };
}

export interface FailedJob {
  id: string;
  path: string;
  /** `CODE: message`, as the worker threw it. */
  reason: string;
  attempts: number;
  failed_at: string | null;
}

export interface QueueStatus {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  workers: number;
  /** Jobs finished in the last minute. */
  per_minute: number;
  failed_jobs: FailedJob[];
}

/** Finished jobs kept for status and deduplication: a day, or the newest 10,000. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const JOB_NAME = 'analyze';

/** The submitting side of the queue: the CLI, the watcher and the server enqueue; anyone reads its state. */
export async function openAnalysisQueue(settings: QueueSettings) {
  const connection = await connected(redisConnection(settings.url, 'client'), settings.url);
  const queue = new Queue<AnalysisJob, AnalysisJobResult>(settings.name, { connection });
  queue.on('error', () => undefined);
  let events: { events: QueueEvents; connection: ReturnType<typeof redisConnection> } | undefined;
  const queueEvents = async () => {
    if (!events) {
      const eventsConnection = redisConnection(settings.url, 'worker');
      events = { events: new QueueEvents(settings.name, { connection: eventsConnection }), connection: eventsConnection };
      events.events.on('error', () => undefined);
      await events.events.waitUntilReady();
    }
    return events.events;
  };
  return {
    /**
     * Enqueues `job` as `id`; the same id again while that job is known (waiting, running, or kept
     * after it finished) is not enqueued twice. True when it was added now.
     */
    async enqueue(id: string, job: AnalysisJob): Promise<boolean> {
      const existing = await queue.getJob(id);
      if (existing) return false;
      await queue.add(JOB_NAME, job, {
        jobId: id,
        attempts: settings.attempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: false,
      });
      return true;
    },
    /**
     * The result of job `id` once a worker finished it (at once if it already has); a job that failed
     * for good rejects with the worker's `CODE: message`.
     */
    async result(id: string): Promise<AnalysisJobResult> {
      const listening = await queueEvents();
      const job = await queue.getJob(id);
      if (!job) throw new Error(`INTERNAL: job ${id} is not in the queue`);
      if (await job.isCompleted()) return job.returnvalue;
      return (await job.waitUntilFinished(listening)) as AnalysisJobResult;
    },
    async status(): Promise<QueueStatus> {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
      const workers = await queue.getWorkersCount();
      const since = Date.now() - 60_000;
      const recent = await queue.getCompleted(0, 999);
      const failed = await queue.getFailed(0, 49);
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
        workers,
        per_minute: recent.filter((j) => (j.finishedOn ?? 0) >= since).length,
        failed_jobs: failed.map((j) => ({
          id: j.id ?? '',
          path: j.data.path,
          reason: j.failedReason,
          attempts: j.attemptsMade,
          failed_at: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        })),
      };
    },
    // BullMQ leaves a connection it was given open: it is closed here, or the process would never end.
    async close() {
      await events?.events.close();
      await events?.connection.quit().catch(() => events?.connection.disconnect());
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

export type AnalysisQueue = Awaited<ReturnType<typeof openAnalysisQueue>>;

/** A job as a worker took it: its id, and which start of the job this is (each take counts, retried or taken over). */
export interface JobStart {
  id: string;
  start: number;
}

/** Why a job cannot succeed by trying again (a missing file); anything else is retried with back-off. */
export class PermanentJobFailure extends UnrecoverableError {}

/**
 * A worker taking jobs from the queue, `concurrency` at once. A worker that dies holding a job stops
 * renewing its lock; after `lockSeconds` BullMQ's stalled-job check hands the job to another worker.
 * One that lives but missed renewing it is cancelled, and its run is not written over (run-service).
 * The rate limit lives in Redis, shared by every worker of the queue.
 */
export function startAnalysisWorker(settings: QueueSettings, concurrency: number, process: (job: AnalysisJob, taken: JobStart, signal: AbortSignal) => Promise<AnalysisJobResult>) {
  const lockDuration = settings.lockSeconds * 1000;
  const connection = redisConnection(settings.url, 'worker');
  const worker = new Worker<AnalysisJob, AnalysisJobResult>(
    settings.name,
    async (job: Job<AnalysisJob>, _token, signal) => process(job.data, { id: job.id ?? '', start: job.attemptsStarted }, signal ?? new AbortController().signal),
    {
      connection,
      concurrency,
      lockDuration,
      stalledInterval: Math.max(1000, lockDuration / 2),
      maxStalledCount: 3,
      ...(settings.rateLimit && { limiter: { max: settings.rateLimit.max, duration: settings.rateLimit.perSeconds * 1000 } }),
    },
  );
  worker.on('error', () => undefined);
  // A lock this worker could not renew (its process too busy for lock_seconds) is another worker's
  // job by now: this attempt stops instead of running on beside the one that took it over.
  worker.on('lockRenewalFailed', (ids) => {
    for (const id of ids) worker.cancelJob(id, `taken over by another worker: this one could not renew its lock within ${settings.lockSeconds} s`);
  });
  return {
    worker,
    async close() {
      await worker.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

/** Job completions as they happen anywhere in the fleet: the server shows each run as it lands. */
export function watchAnalysisResults(settings: QueueSettings, onResult: (result: AnalysisJobResult) => void) {
  const connection = redisConnection(settings.url, 'worker');
  const events = new QueueEvents(settings.name, { connection });
  events.on('error', () => undefined);
  events.on('completed', ({ returnvalue }) => {
    const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as AnalysisJobResult | undefined;
    if (result?.run_id) onResult(result);
  });
  return {
    async close() {
      await events.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
