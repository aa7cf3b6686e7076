import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../src/media/run-process.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

let dir: string;
let cleanup: () => Promise<void>;
let video: string;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
  video = await makeVideo(path.join(dir, 'login.mp4'), LOGIN_FLOW);
});
afterAll(() => cleanup());

async function vaider(...args: string[]) {
  return vaiderIn(process.cwd(), ...args);
}

async function vaiderIn(cwd: string, ...args: string[]) {
  const result = await runProcess(process.execPath, [BIN, ...args], { cwd });
  return { code: result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr };
}

describe('vaider analyze from the shell', () => {
  it('exits 0 on a match and prints one JSON result, with no progress when piped', async () => {
    const run = await vaider('analyze', video, '--root', dir, '--json', '--expect', "at the end shows 'Welcome, Alice'");
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ exit_code: 0, verdict: { status: 'match' }, media: { kind: 'video' } });
    expect(result.interactions_dir).toBe(`${video}.VaiderInteractions/attempts/001`);
  });

  it('exits 1 on a mismatch and prints the evidence', async () => {
    const run = await vaider('analyze', video, '--root', dir, '--expect', "does not show 'Invalid password'");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Verdict: MISMATCH');
    expect(run.stdout).toMatch(/FAIL {2}does not show 'Invalid password'/);
    expect(run.stdout).toContain('keyframes/02_at_2.00s.png');
  });

  it('reads expectations from a file', async () => {
    const file = path.join(dir, 'login.expect.md');
    await writeFile(file, "# login\n1. 'Sign in to continue'\n2. 'Welcome, Alice'\n- no error message\n");
    const run = await vaider('analyze', video, '--root', dir, '--json', '--expect-file', file);
    const result = JSON.parse(run.stdout);
    expect(result.verdict.results.map((r: { status: string }) => r.status)).toEqual(['pass', 'fail']);
    expect(run.code).toBe(1);
  });

  it('exits 1 on uncertain unless told otherwise', async () => {
    const blue = ['analyze', video, '--root', dir, '--json', '--expect', 'the Sign In button is blue'];
    expect((await vaider(...blue)).code).toBe(1);
    expect((await vaider(...blue, '--allow-uncertain')).code).toBe(0);
  });

  it('exits 2 with one line and a stable code on bad input, and never a stack trace', async () => {
    const missing = await vaider('analyze', path.join(dir, 'missing.mp4'), '--root', dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^vaider: INPUT_NOT_FOUND: .*missing\.mp4 does not exist\.$/);

    const flag = await vaider('analyze', video, '--frobnicate');
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim().split('\n')).toHaveLength(1);
    expect(flag.stderr).toMatch(/BAD_ARGUMENT/);

    const json = await vaider('analyze', path.join(dir, 'missing.mp4'), '--root', dir, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'INPUT_NOT_FOUND' }, exit_code: 2 });
    for (const run of [missing, flag, json]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the rules file and key of a bad configuration', async () => {
    const rules = path.join(dir, 'VaiderRules.json');
    await writeFile(rules, JSON.stringify({ keyframes: { maxx: 3 } }));
    const run = await vaider('analyze', video, '--rules', rules);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`vaider: CONFIG_INVALID: ${rules}: unknown key "keyframes.maxx".`);
  });
});

describe('vaider cache clear', () => {
  it('deletes the model answers under store_dir and nothing else of the store', async () => {
    const project = path.join(dir, 'cache-project');
    const entry = path.join(project, '.vaider', 'cache', 'model', 'ab');
    await mkdir(entry, { recursive: true });
    await writeFile(path.join(entry, 'ab12.json'), '{"text":"{}"}');
    await writeFile(path.join(project, '.vaider', 'jobs.json'), '{"version":1,"jobs":[]}');
    await writeFile(path.join(project, 'VaiderRules.json'), '{}');

    const run = await vaiderIn(project, 'cache', 'clear');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(path.join(project, '.vaider', 'cache', 'model'));
    expect(await readdir(path.join(project, '.vaider', 'cache'))).toEqual([]);
    expect(await readdir(path.join(project, '.vaider'))).toContain('jobs.json');
  });

  it('refuses a store_dir outside the allowed roots', async () => {
    const project = path.join(dir, 'cache-outside');
    await mkdir(project, { recursive: true });
    await writeFile(path.join(project, 'VaiderRules.json'), JSON.stringify({ store_dir: '../elsewhere' }));
    const run = await vaiderIn(project, 'cache', 'clear');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PATH_OUTSIDE_ROOTS/);
  });
});
