import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../src/media/run-process.js';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { startServer } from '../src/server/start-server.js';
import { LOGIN_ERROR_SCREEN, LOGIN_SCREEN, makeScreenshot, scratchDir } from './helpers/media-fixtures.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-cli-runs-'));
  await writeFile(path.join(dir, 'VaiderRules.json'), '{}\n');
  await mkdir(path.join(dir, 'test-output'));
  await makeScreenshot(path.join(dir, 'test-output', 'login.png'), LOGIN_SCREEN);
});
afterAll(() => cleanup());

/** The CLI as a user runs it, in the project folder. */
async function vaider(...args: string[]) {
  const result = await runProcess(process.execPath, [BIN, ...args], { cwd: dir });
  return { code: result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr };
}

const json = async (...args: string[]) => JSON.parse((await vaider(...args, '--json')).stdout);

describe('vaider analyze records runs', () => {
  it('gives each analysis a run id, answers the same question again from that run, and lists it by status', async () => {
    const ask = ['analyze', 'test-output/login.png', '--expect', "shows 'Sign in to continue'"];
    const first = await json(...ask);
    expect(first).toMatchObject({ run_id: expect.stringMatching(/^run_/), cached: false, verdict: { status: 'match' }, exit_code: 0 });
    expect(await json(...ask)).toMatchObject({ run_id: first.run_id, cached: true });

    const matches = await json('runs', '--status', 'match');
    expect(matches.map((r: { id: string }) => r.id)).toEqual([first.run_id]);
    expect(matches[0]).toMatchObject({ requested_by: 'cli', input: path.join(dir, 'test-output', 'login.png') });
    expect(await json('runs', '--status', 'mismatch')).toEqual([]);
    expect((await vaider('runs', 'show', first.run_id)).stdout).toContain('Verdict: MATCH');
    expect((await vaider('runs', '--status', 'matched')).stderr).toContain('--status must be one of');
  });

  it('prints drift, and --fail-on-drift sets the exit code by severity', async () => {
    const file = path.join(dir, 'test-output', 'drift.png');
    await makeScreenshot(file, LOGIN_SCREEN);
    const first = await vaider('analyze', file, '--fail-on-drift', 'functional');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Drift: no baseline yet; this run's keyframes are now the baseline");

    // The same test, now with an error message on screen: text appeared, a functional change.
    await makeScreenshot(file, LOGIN_ERROR_SCREEN);
    const changed = await vaider('analyze', file, '--fail-on-drift', 'functional');
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/Drift: FUNCTIONAL \(--fail-on-drift functional\): 1 of 1 screens differ/);
    expect(changed.stdout).toContain('Invalid password');

    const lenient = await json('analyze', file, '--fail-on-drift', 'critical');
    expect(lenient).toMatchObject({ exit_code: 0, drift: { severity: 'functional', created: false } });
    expect((await vaider('analyze', file, '--fail-on-drift', 'huge')).stderr).toContain('--fail-on-drift must be one of cosmetic, structural, functional, critical');
  });
});

describe('vaider report', () => {
  it('writes the recorded verdicts as an HTML report and JUnit XML, one suite per input, inside the allowed roots only', async () => {
    expect(await json('report', '--junit', 'reports/vaider.xml', 'test-output')).toMatchObject({ runs: 2, suites: 2, failures: 0, errors: 0, exit_code: 0 });
    const index = await readFile(path.join(dir, 'vaider-report', 'index.html'), 'utf8');
    expect(index).toContain('test-output/login.png</a>');
    expect(index).toContain('test-output/drift.png</a>');
    const xml = await readFile(path.join(dir, 'reports', 'vaider.xml'), 'utf8');
    expect(xml).toMatch(/<testsuite name="test-output\/login.png"[^>]*tests="1" failures="0"/);
    expect(xml).toContain(`<testcase classname="test-output/login.png" name="shows 'Sign in to continue'"/>`);
    const outside = await vaider('report', '--junit', path.join(path.dirname(dir), 'elsewhere.xml'));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('PATH_OUTSIDE_ROOTS');
  });
});

describe('vaider analyze beside a running vaider serve', () => {
  it('hands the analysis to the server, whose store records it; --no-server analyzes here, unrecorded, and says so', async () => {
    const app = await openVaider(loadConfig({ cwd: dir, env: {} }), { ownStore: true });
    const server = await startServer({ vaider: app, host: '127.0.0.1', port: 0 });
    try {
      await app.announceServer(server.url);
      const handed = await vaider('analyze', 'test-output/login.png', '--expect', "shows 'Password'");
      expect(handed.code).toBe(0);
      expect(handed.stderr).toContain(`analyzing on the project's vaider serve (pid ${process.pid}, ${server.url})`);
      const runId = /Run: (run_\w+)/.exec(handed.stdout)?.[1];
      expect(await app.runs.get(runId!)).toMatchObject({ requested_by: 'cli', state: 'done', result: { verdict: { status: 'match' } } });

      const here = await vaider('analyze', 'test-output/login.png', '--expect', "shows 'Password'", '--no-server');
      expect(here.code).toBe(0);
      expect(here.stdout).not.toContain('Run: ');
      expect(here.stderr).toContain(`not recorded as a run: `);
      expect(here.stderr).toContain(`(pid ${process.pid}) owns the project's store; analyses handed to it are recorded, which --no-server`);
    } finally {
      await server.close();
      await app.close();
    }
  });
});
