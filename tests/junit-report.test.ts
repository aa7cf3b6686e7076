import { describe, expect, it } from 'vitest';
import { junitReport, latestRuns } from '../src/app/reports/junit-report.js';
import type { RunRecord } from '../src/app/runs/run-types.js';

const ROOT = '/project';

function run(id: string, input: string, created: string, patch: Partial<RunRecord>): RunRecord {
  return { id, input: `${ROOT}/${input}`, expectations: [], provider: 'local', requested_by: 'cli', state: 'done', created_at: created, updated_at: created, cache_key: null, result: null, error: null, ...patch };
}

function result(verdict: unknown, extra: Record<string, unknown> = {}) {
  return { duration_ms: 2500, interactions_dir: `${ROOT}/x.VaiderInteractions/attempts/001`, description: { summary: 'A login page.', steps: [] }, drift: null, verdict, ...extra } as unknown as RunRecord['result'];
}

const outcome = (expectation: string, status: 'pass' | 'fail' | 'uncertain', explanation: string) => ({
  expectation,
  status,
  confidence: 0.9,
  explanation,
  evidence: status === 'pass' ? null : { path: `${ROOT}/x.VaiderInteractions/attempts/001/keyframes/02_at_2.00s.png`, time: 2 },
});

const RUNS: RunRecord[] = [
  // Newest first, as the store lists them.
  run('run_3', 'test-output/login.mp4', '2026-12-02T10:03:00Z', {
    result: result({
      status: 'mismatch',
      results: [
        outcome("shows 'Welcome, Alice'", 'pass', 'Seen at 4.1 s.'),
        outcome("never shows 'Invalid password'", 'fail', "'Invalid password' appears at 2.0 s.\u0007"),
        outcome('the button is blue', 'uncertain', 'Colours are beyond OCR.'),
      ],
    }),
  }),
  run('run_2', 'test-output/login.mp4', '2026-12-02T10:02:00Z', { result: result({ status: 'match', results: [] }) }),
  run('run_1', 'test-output/broken.mp4', '2026-12-02T10:01:00Z', { state: 'error', error: { code: 'INPUT_CORRUPT', message: 'The file is cut off (token sk-live-0123456789abcdefghij).' } }),
  run('run_0', 'test-output/home.png', '2026-12-02T10:00:00Z', { result: result(null) }),
];

describe('JUnit report', () => {
  it('has one testsuite per input, from its latest run', () => {
    expect(latestRuns(RUNS).map((r) => r.id)).toEqual(['run_3', 'run_1', 'run_0']);
    const report = junitReport(RUNS, { projectRoot: ROOT, allowUncertain: false });
    expect(report).toMatchObject({ suites: 3, tests: 5, failures: 2, errors: 1, skipped: 0 });
    expect(report.xml.match(/<testsuite /g)).toHaveLength(3);
    expect(report.xml).toContain('<testsuite name="test-output/login.mp4"');
    expect(report.xml).not.toContain('run_2');
  });

  it('makes a failed expectation a failure with the explanation and evidence, an uncertain one a failure or, when allowed, skipped', () => {
    const strict = junitReport(RUNS, { projectRoot: ROOT, allowUncertain: false }).xml;
    expect(strict).toContain(
      `<failure message="'Invalid password' appears at 2.0 s.\\u0007 Evidence: x.VaiderInteractions/attempts/001/keyframes/02_at_2.00s.png" type="mismatch"/>`,
    );
    expect(strict).toContain('<failure message="Uncertain: Colours are beyond OCR. Evidence:');
    const lenient = junitReport(RUNS, { projectRoot: ROOT, allowUncertain: true });
    expect(lenient).toMatchObject({ failures: 1, skipped: 1 });
    expect(lenient.xml).toMatch(/<testcase classname="test-output\/login.mp4" name="the button is blue">\s*<skipped\/>/);
  });

  it('makes a run that ended in an error an error, redacted, and a described input one passing case', () => {
    const xml = junitReport(RUNS, { projectRoot: ROOT, allowUncertain: false }).xml;
    expect(xml).toMatch(/<testcase classname="test-output\/broken.mp4" name="analysis">\s*<error message="INPUT_CORRUPT: The file is cut off \(token \[REDACTED\]\)." type="INPUT_CORRUPT"\/>/);
    expect(xml).not.toContain('sk-live-0123456789abcdefghij');
    expect(xml).toMatch(/<testcase classname="test-output\/home.png" name="analysis">\s*<system-out>/);
  });
});
