import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openJsonStore } from '../../store/json-store.js';
import type { ErrorCode } from '../../base/errors.js';

export type JobState = 'pending' | 'running' | 'done' | 'error' | 'needs_attention';

/** One detected file version: a path with the hash of its content then. */
export interface Job {
  id: string;
  path: string;
  hash: string;
  state: JobState;
  /** Analyze even if an earlier run of the same content answered (an error retry). */
  no_cache: boolean;
  run_id: string | null;
  verdict: 'match' | 'mismatch' | 'uncertain' | 'described' | null;
  error: { code: ErrorCode; message: string } | null;
  created_at: string;
  updated_at: string;
}

interface JobData {
  version: 1;
  jobs: Job[];
}

/** Finished jobs kept for dedupe; beyond this the oldest finished ones are dropped. */
const MAX_FINISHED = 5000;

export interface JobStore {
  /** A new pending job, or undefined when this path with this content is already known. */
  enqueue(file: string, hash: string): Promise<Job | undefined>;
  /** Puts a finished job back in the queue, to analyze again. */
  requeue(id: string, patch?: Partial<Job>): Promise<Job>;
  /** The oldest pending job, marked running. */
  take(): Promise<Job | undefined>;
  update(id: string, patch: Partial<Job>): Promise<Job>;
  list(): readonly Job[];
  /** The job of this path with this content, if any. */
  find(file: string, hash: string): Job | undefined;
  readonly pending: number;
}

/**
 * The watcher's durable queue in `<store_dir>/jobs.json`. lowdb writes through a temp file and a
 * rename, so even `kill -9` leaves the last complete state; jobs found `running` at start were cut
 * short and go back to pending, and done jobs are never redone.
 */
/** Jobs found running when the queue is first read were cut short: they run again. */
function resumeCutShort(data: JobData): boolean {
  let resumed = false;
  for (const job of data.jobs) {
    if (job.state === 'running') {
      job.state = 'pending';
      resumed = true;
    }
  }
  return resumed;
}

export async function openJobStore(dir: string): Promise<JobStore> {
  const db = await openJsonStore<JobData>(path.join(dir, 'jobs.json'), () => ({ version: 1, jobs: [] }), resumeCutShort);
  const byKey = new Map(db.data.jobs.map((job) => [`${job.path}\0${job.hash}`, job]));
  const byId = new Map(db.data.jobs.map((job) => [job.id, job]));

  const prune = () => {
    const finished = db.data.jobs.filter((j) => j.state !== 'pending' && j.state !== 'running');
    let excess = finished.length - MAX_FINISHED;
    if (excess <= 0) return;
    db.data.jobs = db.data.jobs.filter((job) => {
      if (excess > 0 && job.state !== 'pending' && job.state !== 'running') {
        excess--;
        byKey.delete(`${job.path}\0${job.hash}`);
        byId.delete(job.id);
        return false;
      }
      return true;
    });
  };

  const update = async (id: string, patch: Partial<Job>) => {
    const job = byId.get(id);
    if (!job) throw new Error(`job ${id} is not in the store`);
    Object.assign(job, patch, { updated_at: new Date().toISOString() });
    await db.write();
    return job;
  };

  return {
    async enqueue(file, hash) {
      const key = `${file}\0${hash}`;
      if (byKey.has(key)) return undefined;
      const now = new Date().toISOString();
      const job: Job = {
        id: `job_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
        path: file,
        hash,
        state: 'pending',
        no_cache: false,
        run_id: null,
        verdict: null,
        error: null,
        created_at: now,
        updated_at: now,
      };
      db.data.jobs.push(job);
      byKey.set(key, job);
      byId.set(job.id, job);
      prune();
      await db.write();
      return job;
    },
    requeue: (id, patch = {}) => update(id, { ...patch, state: 'pending' }),
    async take() {
      const job = db.data.jobs.find((j) => j.state === 'pending');
      return job ? update(job.id, { state: 'running' }) : undefined;
    },
    update,
    list: () => db.data.jobs,
    find: (file, hash) => byKey.get(`${file}\0${hash}`),
    get pending() {
      return db.data.jobs.filter((j) => j.state === 'pending').length;
    },
  };
}
