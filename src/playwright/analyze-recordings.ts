import type { AnalysisResult } from '../app/analysis/analysis-types.js';
import { openVaider, type Vaider } from '../app/vaider.js';
import { loadConfig } from '../config/load-config.js';
import { toVaiderError, type VaiderError } from '../base/errors.js';
import { ConcurrencyLimiter } from '../base/concurrency-limiter.js';
import type { RecordedVideo } from './recorded-video.js';
import { waitForWrittenFile } from '../base/write-finish.js';

export type RecordingOutcome = { recording: RecordedVideo } & ({ analysis: AnalysisResult } | { error: VaiderError });

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
    vaider = await openVaider(loadConfig({ cwd: projectDir }));
  } catch (thrown) {
    const error = toVaiderError(thrown);
    const outcomes = recordings.map((recording) => ({ recording, error }));
    outcomes.forEach(onOutcome);
    return outcomes;
  }
  const limiter = new ConcurrencyLimiter(ANALYSES_AT_ONCE);
  const analyzeOne = async (recording: RecordedVideo): Promise<RecordingOutcome> => {
    let outcome: RecordingOutcome;
    try {
      await waitForWrittenFile(recording.video);
      const analysis = await vaider.analyze({ input: recording.video, expectations: recording.sidecar.expectations, requestedBy: 'playwright' });
      outcome = { recording, analysis };
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
