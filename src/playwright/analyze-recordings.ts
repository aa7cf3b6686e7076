import { resultSummary, type ResultSummary } from '../app/analysis/result-summary.js';
import { analyzeOnServer } from '../app/runs/server-handoff.js';
import { storeRefused } from '../app/runs/store-refusal.js';
import { openVaider, type ServingOwner, type Vaider } from '../app/vaider.js';
import { loadConfig } from '../config/load-config.js';
import { toVaiderError, type VaiderError } from '../base/errors.js';
import { ConcurrencyLimiter } from '../base/concurrency-limiter.js';
import type { RecordedVideo } from './recorded-video.js';
import { waitForWrittenFile } from '../base/write-finish.js';

/** Where a person finds the recorded run: the viewer's page when a server serves the store, else the CLI command. */
export interface RunLink {
  id: string;
  where: string;
}

export type RecordingOutcome = { recording: RecordedVideo } & ({ result: ResultSummary; run: RunLink | null } | { error: VaiderError });

/**
 * One recording analyzed and recorded as a run: by the project's running `vaider serve` when there is
 * one (it owns the store; the run appears in its viewer at once), else here. When the store refuses (a
 * `vaider watch` owns it and serves no REST, or it lies outside the allowed roots), the analysis is
 * done here unrecorded.
 */
async function analyzeAndRecord(vaider: Vaider, owner: ServingOwner | null, recording: RecordedVideo): Promise<{ result: ResultSummary; run: RunLink | null }> {
  const request = { input: recording.video, expectations: recording.sidecar.expectations, requestedBy: 'playwright' };
  if (owner) {
    const served = await analyzeOnServer(owner.url, { path: request.input, expectations: request.expectations, requested_by: 'playwright' }, process.env.VAIDER_TOKEN);
    if (served) return { result: served, run: { id: served.run_id, where: `${owner.url}/#/runs/${served.run_id}` } };
  }
  try {
    const { run } = await vaider.runs.analyze(request);
    return { result: run.result!, run: { id: run.id, where: `npx vaider runs show ${run.id}` } };
  } catch (thrown) {
    if (!storeRefused(thrown, vaider.config)) throw thrown;
    return { result: resultSummary(await vaider.analyze(request)), run: null };
  }
}

/**
 * Two at once: each analysis already keeps the OCR workers busy, and more would only queue on them
 * while holding decoded frames in memory.
 */
const ANALYSES_AT_ONCE = 2;

/**
 * Analyses every recording in-process with one Vaider (its OCR workers are shared and closed at the end).
 * A failure, even of the configuration, becomes that recording's outcome: it never fails the test run.
 */
export async function analyzeRecordings(
  recordings: readonly RecordedVideo[],
  projectDir: string,
  onOutcome: (outcome: RecordingOutcome) => void,
): Promise<RecordingOutcome[]> {
  let vaider: Vaider;
  try {
    // A command: another command holding the store is waited for, as `vaider analyze` does.
    vaider = await openVaider(loadConfig({ cwd: projectDir }), { role: 'command' });
  } catch (thrown) {
    const error = toVaiderError(thrown);
    const outcomes = recordings.map((recording) => ({ recording, error }));
    outcomes.forEach(onOutcome);
    return outcomes;
  }
  const owner = await vaider.servingOwner().catch(() => null);
  const limiter = new ConcurrencyLimiter(ANALYSES_AT_ONCE);
  const analyzeOne = async (recording: RecordedVideo): Promise<RecordingOutcome> => {
    let outcome: RecordingOutcome;
    try {
      await waitForWrittenFile(recording.video);
      outcome = { recording, ...(await analyzeAndRecord(vaider, owner, recording)) };
    } catch (thrown) {
      outcome = { recording, error: toVaiderError(thrown) };
    }
    onOutcome(outcome);
    return outcome;
  };
  try {
    return await Promise.all(recordings.map((recording) => limiter.run(() => analyzeOne(recording))));
  } finally {
    await vaider.close();
  }
}
