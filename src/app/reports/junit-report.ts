import path from 'node:path';
import junitModule, { type Builder } from 'junit-report-builder';
import { isInside } from '../../base/allowed-roots.js';
import { printableLine } from '../../base/printable-text.js';
import { redactSecrets } from '../../base/redact-secrets.js';
import type { RunRecord } from '../runs/run-types.js';

export interface JunitOptions {
  /** Names are paths relative to it, as CI shows them; or to the deepest of several (merged shards) holding the file. */
  projectRoot: string | readonly string[];
  /** Uncertain expectations are skipped rather than failed, as `--allow-uncertain` passes them. */
  allowUncertain: boolean;
}

// The package sets module.exports to its builder, while its types declare an ES default export: the
// default import is the builder at run time, whatever the compiler makes of the types.
const reportBuilder = junitModule as unknown as Builder;

/** xmlbuilder refuses control characters, and screen text can hold any: escaped, as on the CLI. */
const text = (value: string) => printableLine(value);

/**
 * How a report names a file: relative to the deepest of `roots` that holds it. A file outside them all is
 * named relative to the one root when there is one (as `vaider report` always did), else by its full path.
 */
export function reportName(roots: string | readonly string[]): (file: string) => string {
  const list = typeof roots === 'string' ? [roots] : roots;
  return (file) => {
    let best: string | undefined;
    for (const root of list) if (isInside(file, root) && (best === undefined || root.length > best.length)) best = root;
    if (best === undefined) best = list.length === 1 ? list[0] : undefined;
    return (best !== undefined && path.relative(best, file)) || file;
  };
}

/**
 * Each input's latest finished run (done or error), newest first: what CI reports is where each test
 * stands now, not every attempt of the retry loop.
 */
export function latestRuns(runs: readonly RunRecord[]): RunRecord[] {
  const latest = new Map<string, RunRecord>();
  for (const run of runs) if ((run.state === 'done' || run.state === 'error') && !latest.has(run.input)) latest.set(run.input, run);
  return [...latest.values()];
}

/**
 * JUnit XML, which GitHub Actions, GitLab and Jenkins show as test results: a testsuite per analysed
 * input and a testcase per expectation. A failed expectation is a failure whose message is the
 * explanation and whose body names the evidence frame; an uncertain one fails too (Vaider could not
 * confirm it) unless allowed, then it is skipped; a run that ended in an error is an error. An input
 * described without expectations is one passing `analysis` case.
 */
export interface JunitReport {
  xml: string;
  suites: number;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export function junitReport(records: readonly RunRecord[], options: JunitOptions): JunitReport {
  const builder = reportBuilder.newBuilder().name('vaider');
  const counts = { suites: 0, tests: 0, failures: 0, errors: 0, skipped: 0 };
  const relative = reportName(options.projectRoot);
  for (const run of redactSecrets(latestRuns(records))) {
    const name = text(relative(run.input));
    counts.suites++;
    const suite = builder.testSuite().name(name).timestamp(run.created_at).property('run_id', run.id).property('provider', run.provider);
    const result = run.result;
    if (result) {
      suite.time(result.duration_ms / 1000).property('interactions_dir', text(relative(result.interactions_dir)));
      if (result.drift && !result.drift.created) suite.property('drift_severity', result.drift.severity);
    }
    if (run.state === 'error' || !result) {
      const error = run.error ?? { code: 'INTERNAL', message: 'The run ended without a result.' };
      suite.testCase().className(name).name('analysis').error(text(`${error.code}: ${error.message}`), error.code);
      counts.tests++;
      counts.errors++;
      continue;
    }
    if (!result.verdict) {
      suite.testCase().className(name).name('analysis').standardOutput(text(`Described only (no expectations): ${result.description.summary}`));
      counts.tests++;
      continue;
    }
    for (const outcome of result.verdict.results) {
      const testCase = suite.testCase().className(name).name(text(outcome.expectation));
      const evidence = outcome.evidence ? ` Evidence: ${relative(outcome.evidence.path)}` : '';
      const message = text(`${outcome.explanation}${evidence}`);
      counts.tests++;
      if (outcome.status === 'pass') continue;
      if (outcome.status === 'uncertain' && options.allowUncertain) {
        testCase.skipped().standardOutput(text(`Uncertain: ${message}`));
        counts.skipped++;
      } else {
        testCase.failure(outcome.status === 'fail' ? message : text(`Uncertain: ${message}`), outcome.status === 'fail' ? 'mismatch' : 'uncertain');
        counts.failures++;
      }
    }
  }
  return { xml: builder.build(), ...counts };
}
