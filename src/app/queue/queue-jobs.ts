import { createHash, randomUUID } from 'node:crypto';
import { isInputError, toVaiderError } from '../../base/errors.js';
import type { ResolvedConfig } from '../../config/load-config.js';
import type { ProviderId } from '../../config/schema.js';
import { PermanentJobFailure, type AnalysisJob, type AnalysisJobOptions, type AnalysisJobResult, type JobStart } from '../../queue/analysis-queue.js';
import { requestExpectations, type ExpectationSource } from '../analysis/expectation-sources.js';
import { fingerprintInput } from '../analysis/input-fingerprint.js';
import { resolveInput } from '../analysis/resolve-input.js';
import { runIdForJob } from '../runs/run-ids.js';
import type { RunRequest, RunService } from '../runs/run-service.js';

function rulesHash(config: ResolvedConfig): string {
  return createHash('sha256').update(JSON.stringify(config.rules)).digest('hex').slice(0, 16);
}

/** What a request asks beyond the rules' defaults, as its job carries it to whichever worker takes it. */
export function jobOptions(request: RunRequest): AnalysisJobOptions {
  return {
    ...(request.provider !== undefined && { provider: request.provider }),
    ...(request.maxKeyframes !== undefined && { max_keyframes: request.maxKeyframes }),
    ...(request.drift !== undefined && { drift: request.drift }),
    ...(request.noCache && { no_cache: true }),
  };
}

/** The other way: a job's options as the worker's request asks them. */
function requestOptions(options: AnalysisJobOptions | undefined): Partial<RunRequest> {
  return {
    ...(options?.provider !== undefined && { provider: options.provider as ProviderId }),
    ...(options?.max_keyframes !== undefined && { maxKeyframes: options.max_keyframes }),
    ...(options?.drift !== undefined && { drift: options.drift }),
    ...(options?.no_cache && { noCache: true }),
  };
}

export interface PreparedJob {
  id: string;
  run_id: string;
  job: AnalysisJob;
}

/**
 * A file made ready for the queue, checked where it is submitted: inside the roots, a media file,
 * expectations found as for any analysis. The job's id covers the content and what was asked, so
 * submitting an unchanged file again is the same job, not a second one; `no_cache` asks for a new one.
 */
export async function prepareJob(
  config: ResolvedConfig,
  file: string,
  given: { expectations?: string[]; requestedBy: string; options?: AnalysisJobOptions; signal?: AbortSignal },
): Promise<PreparedJob> {
  const input = await resolveInput(file, config);
  const { expectations, source } = await requestExpectations(input.path, config, given.expectations, undefined);
  const fingerprint = await fingerprintInput(input.path, config.rules.analysis_timeout_seconds, given.signal);
  const hash = rulesHash(config);
  const options = given.options && Object.keys(given.options).length > 0 ? given.options : undefined;
  const asked = [input.path, fingerprint.digest, expectations, hash, ...(options ? [options] : []), ...(options?.no_cache ? [randomUUID()] : [])];
  const id = createHash('sha256').update(JSON.stringify(asked)).digest('hex').slice(0, 32);
  return {
    id,
    run_id: runIdForJob(id),
    job: { path: input.path, expectations, expectations_source: source, rules_hash: hash, requested_by: given.requestedBy, submitted_at: new Date().toISOString(), ...(options && { options }) },
  };
}

/**
 * A worker's work on one job: the analysis recorded as the job's own run in the shared store. A job
 * run again after its worker died overwrites that same run, so each job ends with exactly one.
 */
export async function analyzeJob(runs: RunService, job: AnalysisJob, taken: JobStart, signal: AbortSignal): Promise<AnalysisJobResult> {
  try {
    const { run } = await runs.analyze({
      input: job.path,
      expectations: job.expectations,
      expectationsSource: (job.expectations_source ?? undefined) as ExpectationSource | undefined,
      requestedBy: job.requested_by,
      ...requestOptions(job.options),
      runId: runIdForJob(taken.id),
      jobAttempt: taken.start,
      signal,
    });
    return { run_id: run.id, verdict: run.result?.verdict?.status ?? (run.result ? 'described' : null) };
  } catch (thrown) {
    const error = toVaiderError(thrown);
    const reason = `${error.code}: ${error.message}`;
    throw isInputError(error.code) ? new PermanentJobFailure(reason) : new Error(reason);
  }
}
