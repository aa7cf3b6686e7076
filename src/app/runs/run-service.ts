import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { toVaiderError, VaiderError } from '../../base/errors.js';
import { interactionsDirFor, readAttention, readRunStatus } from '../../interactions/interaction-log.js';
import type { RunStatus } from '../../interactions/interaction-types.js';
import type { RunFilter, RunPage, RunReader, RunStore } from './run-store.js';
import { ConcurrencyLimiter } from '../../base/concurrency-limiter.js';
import type { FileFingerprint } from '../../base/file-fingerprint.js';
import type { AnalyzeRequest } from '../analysis/analysis-types.js';
import type { Vaider } from '../vaider.js';
import { resolveInput } from '../analysis/resolve-input.js';
import { fingerprintInput } from '../analysis/input-fingerprint.js';
import { resultSummary } from '../analysis/result-summary.js';
import { requestExpectations, testOf } from '../analysis/expectation-sources.js';
import { baselineVersion } from '../screens/drift-check.js';
import { newRunId } from './run-ids.js';
import type { DriftReview, RunRecord } from './run-types.js';

/** What recording a run needs of the application. */
type Analyzer = Pick<Vaider, 'config' | 'providerId' | 'analyze'>;

/** An analysis as a recorded run; noCache also skips the runs answered before. */
export type RunRequest = AnalyzeRequest & {
  /** The input's fingerprint taken moments ago (the watcher's), reused while the file is unchanged. */
  fingerprint?: FileFingerprint;
  /**
   * The run's id, given by a queued job: a job tried again records the same run, and one whose run
   * already finished (its worker died after writing it) answers with it.
   */
  runId?: string;
  /** Which start of that job this is: an earlier start still running never writes over a later one's run. */
  jobAttempt?: number;
};

export type RunListener = (run: RunRecord) => void;

export interface RunOutcome {
  run: RunRecord;
  /**
   * True when an earlier run of the same content and parameters answered: nothing was analyzed. At
   * another path the run is still this path's own, carrying the earlier result.
   */
  cached: boolean;
}

export interface RunDetails {
  run: RunRecord;
  /** From the interactions folder's status.json: analyses of this input so far. */
  attempts: RunStatus['attempts'] | null;
  /** Why the retry loop gave up and a person has to look, or null. */
  attention: string | null;
  /** Files in the interactions folder, relative to it. */
  files: string[];
}

export interface RunService {
  /**
   * Runs an analysis as a recorded run (queued behind the concurrency cap) and returns it finished,
   * or returns the earlier run of this path that analyzed the same content with the same parameters
   * (a run of its own, with the earlier result, when that content was analyzed at another path).
   */
  analyze(request: RunRequest): Promise<RunOutcome>;
  get(id: string): Promise<RunRecord>;
  /** The run with its attempts and the files of its interactions folder. */
  details(id: string): Promise<RunDetails>;
  list(filter?: RunFilter): Promise<RunRecord[]>;
  /** A page of the runs and how many match in all. */
  page(filter?: RunFilter): Promise<RunPage>;
  /** Why the retry loop gave up on `input` and a person has to look, or null. */
  attention(input: string): Promise<string | null>;
  /** Records a person's decision on a finished run's drift. */
  review(id: string, decision: DriftReview['decision']): Promise<RunRecord>;
  /** Called whenever a run is created or changes state. Returns the unsubscribe function. */
  onChange(listener: RunListener): () => void;
  /** Reads a run another process recorded (a worker of the shared queue) and tells the listeners. */
  adopt(id: string): Promise<RunRecord | undefined>;
  /** Analyses running or waiting for a slot. */
  readonly active: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * Same content analyzed the same way gives the same answer: the key covers the content (not the name,
 * so a rewritten file is analyzed again) and every parameter that changes the result. The content is
 * the input's fingerprint, not a hash of every byte: a 16 GB file costs no more than a short clip, at
 * the price that two large files of one size matching in every sampled block would share an answer
 * (base/file-fingerprint.ts says why no recording does).
 */
function analysisCacheKey(digest: string, parameters: Record<string, unknown>): string {
  return createHash('sha256').update(digest).update(JSON.stringify(parameters)).digest('hex');
}

/**
 * Runs as the server front ends see them: each analysis gets an id and a record in the store, waits
 * for a slot under max_concurrent_analyses, and is answered from the cache when the same bytes were
 * analyzed with the same parameters before. The store opens on first use, so a front end that never
 * records a run never touches it.
 */
export function createRunService(
  vaider: Analyzer,
  stores: { open: () => Promise<RunStore>; read: () => Promise<RunReader> },
  /** Where analyses go instead when the rules name a shared queue (a server's, a watcher's). */
  queued?: (request: RunRequest) => Promise<RunOutcome>,
): RunService {
  let opening: Promise<RunStore> | undefined;
  const store = () => {
    opening ??= stores.open();
    // Refused now (another process owns the store), perhaps free later: asked again next time.
    opening.catch(() => (opening = undefined));
    return opening;
  };
  // Reading needs no ownership: while another process owns the store, its runs are read as they stand.
  const reader = async (): Promise<RunReader> => {
    try {
      return await store();
    } catch (error) {
      if (error instanceof VaiderError && error.code === 'STORE_LOCKED') return stores.read();
      throw error;
    }
  };
  const limiter = new ConcurrencyLimiter(vaider.config.rules.max_concurrent_analyses ?? Math.max(1, availableParallelism() - 1));
  const listeners = new Set<RunListener>();
  let active = 0;
  const emit = (run: RunRecord) => {
    for (const listener of listeners) listener(run);
  };
  const update = async (id: string, patch: Partial<RunRecord>) => {
    const run = await (await store()).update(id, patch);
    emit(run);
    return run;
  };

  async function analyze(request: RunRequest): Promise<RunOutcome> {
    // A queued job's own run (request.runId) is the worker's to make, here. Sampling asks the calling
    // MCP client's model, which only this process can reach: it stays here.
    if (queued && !request.runId && !request.sampling) return queued(request);
    const input = await resolveInput(request.input, vaider.config);
    // Found before the cache key: a sidecar's expectations are part of what was asked.
    const { expectations, source: expectationsSource } = await requestExpectations(input.path, vaider.config, request.expectations, request.expectationsSource);
    const provider = vaider.providerId(request.provider);
    const drift = request.drift ?? vaider.config.rules.drift;
    const fingerprint = await fingerprintInput(input.path, vaider.config.rules.analysis_timeout_seconds, request.signal, request.fingerprint);
    const cacheKey = analysisCacheKey(fingerprint.digest, {
      expectations,
      provider,
      keyframes: request.maxKeyframes ?? vaider.config.rules.keyframes,
      limits: vaider.config.rules.limits,
      drift: drift && (await baselineVersion(vaider.config, input.path)),
    });
    const now = new Date().toISOString();
    const base: RunRecord = {
      id: request.runId ?? newRunId(),
      input: input.path,
      test_title: (await testOf(input.path))?.title ?? null,
      expectations,
      provider,
      requested_by: request.requestedBy ?? 'api',
      state: 'queued',
      created_at: now,
      updated_at: now,
      cache_key: cacheKey,
      result: null,
      error: null,
      ...(request.jobAttempt !== undefined && { job_attempt: request.jobAttempt }),
    };

    const runs = await store();
    // A queued job's run is written only by the job's latest start. A worker that missed renewing the
    // job's lock (too busy) may run on after the queue handed the job to another worker.
    const laterStart = (current: RunRecord | undefined) => (current?.job_attempt ?? 0) > (request.jobAttempt ?? 0);
    const own = request.runId ? await runs.reload(request.runId) : undefined;
    if (own?.state === 'done') return { run: own, cached: true };
    if (laterStart(own)) throw new VaiderError('CANCELLED', `Run ${base.id} was taken over by a later start of its job.`, { id: base.id });
    const earlier = request.noCache ? undefined : runs.findCached(cacheKey, input.path);
    // A queued job's run is its own even when an earlier run answered the same question.
    if (earlier?.input === input.path && !request.runId) return { run: earlier, cached: true };
    if (earlier) {
      // The same bytes at another path: the work is reused, but the run is this path's own.
      const reused: RunRecord = { ...base, state: 'done', result: { ...earlier.result!, input: input.path } };
      await runs.add(reused);
      emit(reused);
      return { run: reused, cached: true };
    }

    await runs.add(base);
    emit(base);
    // Whole fields, not a patch on what is on disk: an earlier start's write may be there meanwhile.
    const write = async (patch: Pick<RunRecord, 'state' | 'result' | 'error'>): Promise<RunRecord | undefined> =>
      request.runId && laterStart(await runs.reload(request.runId)) ? undefined : update(base.id, { ...patch, ...(request.jobAttempt !== undefined && { job_attempt: request.jobAttempt }) });
    active++;
    try {
      return await limiter.run(async () => {
        await write({ state: 'analyzing', result: null, error: null });
        const result = await vaider.analyze({ ...request, input: input.path, resolved: input, expectations, expectationsSource, provider });
        const summary = resultSummary(result);
        return { run: (await write({ state: 'done', result: summary, error: null })) ?? { ...base, state: 'done', result: summary }, cached: false };
      }, request.signal);
    } catch (thrown) {
      const error = toVaiderError(thrown);
      await write({ state: 'error', result: null, error: { code: error.code, message: error.message } });
      throw error;
    } finally {
      active--;
    }
  }

  async function get(id: string): Promise<RunRecord> {
    const run = (await reader()).get(id);
    if (!run) throw new VaiderError('RUN_NOT_FOUND', `No run with id "${id}"; vaider_list_runs lists the known runs.`, { id });
    return run;
  }

  return {
    analyze,
    get,
    async details(id) {
      const run = await get(id);
      // The run's own attempt folder for its files; the input's folder for the totals of every attempt.
      const dir = run.result?.interactions_dir ?? interactionsDirFor(run.input);
      const [files, status] = await Promise.all([listFiles(dir), readRunStatus(interactionsDirFor(run.input))]);
      return {
        run,
        attempts: status?.attempts ?? null,
        attention: status?.state === 'needs_attention' ? status.attention : null,
        files,
      };
    },
    list: async (filter) => (await reader()).list(filter),
    page: async (filter) => (await reader()).page(filter),
    attention: (input) => readAttention(interactionsDirFor(input)),
    async adopt(id) {
      const run = await (await store()).reload(id);
      if (run) emit(run);
      return run;
    },
    async review(id, decision) {
      const run = await get(id);
      if (run.state !== 'done' || !run.result) throw new VaiderError('BAD_ARGUMENT', `Run ${id} is ${run.state}; only a finished run's drift can be reviewed.`, { id });
      return update(id, { review: { decision, at: new Date().toISOString() } });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get active() {
      return active;
    },
  };
}
