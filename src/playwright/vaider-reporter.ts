import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { analyzeRecordings } from './analyze-recordings.js';
import { attachVerdict } from './attach-verdict.js';
import { expectationSidecar, writeExpectationSidecar } from './expectation-sidecar.js';
import { type RecordedVideo, videoPaths } from './recorded-video.js';
import { printFailingRun, printSidecarFailure, printVerdictLine } from './reporter-output.js';
import { reporterOptions, type ResolvedReporterOptions } from './reporter-options.js';
import { verdictSummary, type VerdictSummary } from './verdict-summary.js';

export type { VaiderReporterOptions } from './reporter-options.js';

/**
 * `reporter: [['list'], ['vaider/playwright'], ['json', { outputFile: 'report.json' }]]`
 *
 * Writes `<video>.expect.json` next to each recorded video as its test ends (the test's `vaider`
 * annotations are the expectations), and when the run ends analyses the videos and adds each verdict
 * to its test result, so reporters listed after this one include it.
 */
/**
 * With failOnMismatch, the test whose video mismatched is failed itself, with the verdict as its error,
 * so reporters listed after this one (html, json, junit) show which test failed, not only a failed run.
 */
function failTest(result: TestResult, summary: VerdictSummary): void {
  result.status = 'failed';
  result.errors.push({ message: `Vaider: ${summary.label}: ${summary.explanation}` });
}

export default class VaiderReporter implements Reporter {
  private readonly options: ResolvedReporterOptions;
  private projectDir = process.cwd();
  private readonly recordings: RecordedVideo[] = [];
  /** Playwright does not await onTestEnd, so the writes are awaited in onEnd. */
  private readonly sidecarWrites: Array<Promise<void>> = [];

  constructor(options: unknown = {}) {
    this.options = reporterOptions(options);
  }

  onBegin(config: FullConfig): void {
    this.projectDir = config.rootDir;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const videos = videoPaths(result);
    if (videos.length === 0) return;
    const sidecar = expectationSidecar(test, result);
    for (const video of videos) {
      this.recordings.push({ video, sidecar, test, result });
      this.sidecarWrites.push(writeExpectationSidecar(video, sidecar).then(
        () => undefined,
        (error: Error) => printSidecarFailure(video, error),
      ));
    }
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    await Promise.all(this.sidecarWrites);
    // Interrupted means the user wants the run to stop, not several more seconds of analysis.
    if (!this.options.analyze || this.recordings.length === 0 || result.status === 'interrupted') return undefined;
    const outcomes = await analyzeRecordings(this.recordings, this.projectDir, (outcome) => {
      const summary = verdictSummary(outcome);
      attachVerdict(outcome, summary);
      if (this.options.failOnMismatch && 'result' in outcome && outcome.result.verdict?.status === 'mismatch') failTest(outcome.recording.result, summary);
      printVerdictLine(summary, outcome.recording.sidecar.test.titlePath.slice(1).join(' › '));
    });
    const mismatches = outcomes.filter((o) => 'result' in o && o.result.verdict?.status === 'mismatch').length;
    if (!this.options.failOnMismatch || mismatches === 0) return undefined;
    printFailingRun(mismatches);
    return { status: 'failed' };
  }

  /** It prints a line per video only at the end; Playwright should still add its own progress output. */
  printsToStdio(): boolean {
    return false;
  }
}
