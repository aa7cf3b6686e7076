import { randomBytes } from 'node:crypto';

/** A run of this process's own: its time in base 36, then a random tail. */
export function newRunId(): string {
  return `run_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

// The underscore keeps the two kinds apart: a time in base 36 never holds one.
const JOB_RUN_PREFIX = 'run_q_';

/** A queued job's run: one per job whatever its retries, and whichever worker ends up doing it. */
export function runIdForJob(jobId: string): string {
  return `${JOB_RUN_PREFIX}${jobId.slice(0, 24)}`;
}

/** Whether the run belongs to a job of the shared queue, written by whichever worker holds that job. */
export function isJobRun(id: string): boolean {
  return id.startsWith(JOB_RUN_PREFIX);
}
