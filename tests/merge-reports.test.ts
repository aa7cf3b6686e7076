import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { runProcess } from '../src/media/run-process.js';
import { LOGIN_ERROR_SCREEN, LOGIN_SCREEN, makeScreenshot, scratchDir, WELCOME_SCREEN, type ScreenSpec } from './helpers/media-fixtures.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

let root: string;
let cleanup: () => Promise<void>;
/** Where the shards ran (shard 1 is moved away from it afterwards), where CI put them, and where they are merged. */
let ran: string;
let artifacts: string;
let merge: string;
const ids: Record<string, string> = {};

interface Analysis {
  name: string;
  screen: ScreenSpec | 'truncated';
  expect: string;
}

/** A shard as CI leaves it: a project whose runs were analysed there, with its store and interactions folders. */
async function shard(dir: string, rules: object, analyses: Analysis[]): Promise<void> {
  await mkdir(path.join(dir, 'test-output'), { recursive: true });
  await writeFile(path.join(dir, 'VaiderRules.json'), `${JSON.stringify(rules)}\n`);
  const vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }), { ownStore: true });
  try {
    for (const a of analyses) {
      const input = path.join(dir, 'test-output', a.name);
      if (a.screen === 'truncated') {
        const whole = await readFile(await makeScreenshot(input, LOGIN_SCREEN));
        await writeFile(input, whole.subarray(0, 200));
        await expect(vaider.runs.analyze({ input, expectations: [a.expect] })).rejects.toMatchObject({ code: 'INPUT_CORRUPT' });
      } else {
        await makeScreenshot(input, a.screen);
        ids[`${path.basename(dir)}/${a.name}`] = (await vaider.runs.analyze({ input, expectations: [a.expect] })).run.id;
      }
    }
  } finally {
    await vaider.close();
  }
}

beforeAll(async () => {
  ({ dir: root, cleanup } = await scratchDir('vaider-merge-reports-'));
  ran = path.join(root, 'ci-machine');
  artifacts = path.join(root, 'artifacts');
  merge = path.join(root, 'merge');
  await mkdir(artifacts);
  await mkdir(merge);
  await writeFile(path.join(merge, 'VaiderRules.json'), '{}\n');
  await shard(path.join(ran, 'shard-1'), {}, [
    { name: 'login.png', screen: LOGIN_SCREEN, expect: "shows 'Sign in to continue'" },
    { name: 'shared.png', screen: WELCOME_SCREEN, expect: "shows 'Welcome, Alice'" },
    { name: 'broken.png', screen: 'truncated', expect: "shows 'Sign In'" },
  ]);
  // The second shard keeps its store where its rules say, and analyses shared.png after the first.
  await shard(path.join(ran, 'shard-2'), { store_dir: 'vaider-store' }, [
    { name: 'cart.png', screen: LOGIN_ERROR_SCREEN, expect: "never shows 'Invalid password'" },
    { name: 'shared.png', screen: WELCOME_SCREEN, expect: "shows 'Goodbye'" },
  ]);
  // CI hands the first shard over somewhere else: every path its runs recorded is gone.
  await rename(path.join(ran, 'shard-1'), path.join(artifacts, 'shard-1'));
}, 60_000);
afterAll(() => cleanup());

/** The CLI as a user runs it, in the folder the report goes to. */
async function vaider(...args: string[]) {
  const result = await runProcess(process.execPath, [BIN, ...args], { cwd: merge });
  return { code: result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString() };
}

describe('vaider merge-reports', () => {
  it("merges two shards' stores into one HTML report and one JUnit XML, reading a moved shard's files where it now is", async () => {
    const shard1 = path.join(artifacts, 'shard-1');
    const shard2 = path.join(ran, 'shard-2');
    const merged = await vaider('merge-reports', '../artifacts/shard-1', '../ci-machine/shard-2', '--out', 'report', '--junit', 'junit/vaider.xml', '--json');
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const counts = JSON.parse(merged.stdout);
    expect(counts).toMatchObject({
      runs: 5,
      inputs: 4,
      superseded: 1,
      statuses: { match: 1, mismatch: 2, error: 1 },
      images_missing: 0,
      suites: 4,
      tests: 4,
      failures: 2,
      errors: 1,
      skipped: 0,
      exit_code: 0,
    });
    expect(counts.shards).toEqual([
      expect.objectContaining({ dir: shard1, store: path.join(shard1, '.vaider'), form: 'project', runs: 3, inputs: 3, reported: 2, superseded: 1, recorded_roots: [path.join(ran, 'shard-1')], unlocated: 0 }),
      expect.objectContaining({ dir: shard2, store: path.join(shard2, 'vaider-store'), form: 'project', runs: 2, inputs: 2, reported: 2, superseded: 0, recorded_roots: [], unlocated: 0 }),
    ]);
    expect(counts.images).toBeGreaterThanOrEqual(3);

    const xml = await readFile(path.join(merge, 'junit', 'vaider.xml'), 'utf8');
    expect(xml).toMatch(/<testsuites name="vaider" tests="4" failures="2" errors="1"/);
    expect(xml.match(/<testsuite /g)).toHaveLength(4);
    expect(xml).toMatch(/<testsuite name="test-output\/login.png"[^>]*tests="1" failures="0"/);
    // The newer run of shared.png (shard 2's, a mismatch) wins over shard 1's match.
    expect(xml).toMatch(/<testsuite name="test-output\/shared.png"[^>]*tests="1" failures="1"/);
    expect(xml).toContain(`<property name="run_id" value="${ids['shard-2/shared.png']}"/>`);
    expect(xml).not.toContain(ids['shard-1/shared.png']);
    expect(xml).toMatch(/<testcase classname="test-output\/broken.png" name="analysis">\s*<error message="INPUT_CORRUPT: [^"]*artifacts\/shard-1\/test-output\/broken.png/);

    const index = await readFile(path.join(merge, 'report', 'index.html'), 'utf8');
    for (const name of ['login.png', 'shared.png', 'broken.png', 'cart.png']) expect(index).toContain(`test-output/${name}</a>`);
    expect(index).toContain('4 inputs:');
    expect(index).toContain('1 run superseded by a newer run of the same input in another shard');
    expect(index).toContain(`recorded under ${path.join(ran, 'shard-1')}`);
    const pages = [...index.matchAll(/href="(runs\/[^"]+\.html)"/g)].map((m) => m[1]!);
    expect(pages).toHaveLength(4);
    let images = 0;
    for (const page of pages) {
      const html = await readFile(path.join(merge, 'report', page), 'utf8');
      expect(html).not.toContain('not found');
      for (const [, src] of html.matchAll(/src="([^"]+)"/g)) {
        expect(existsSync(path.join(merge, 'report', 'runs', src!)), src).toBe(true);
        images++;
      }
    }
    // A keyframe thumbnail and its evidence for each of the three analysed inputs, found in the moved shard too.
    expect(images).toBeGreaterThanOrEqual(6);
    const login = await readFile(path.join(merge, 'report', 'runs', `${ids['shard-1/login.png']}.html`), 'utf8');
    expect(login).toContain('keyframe-01.thumb.png');
  });

  it('reads no file outside the folders given and the allowed roots: a store folder given alone has its frames missing, and says why', async () => {
    const store = await vaider('merge-reports', '../ci-machine/shard-2/vaider-store', '--out', 'store-only');
    expect(store.code).toBe(0);
    expect(store.stderr).toContain('shard ../ci-machine/shard-2/vaider-store: store ../ci-machine/shard-2/vaider-store, 2 runs of 2 inputs');
    expect(store.stderr).toContain("2 runs' files not found under it; give the project folder that holds this store");
    // The frames exist where recorded, but outside the folder given and outside this project's allowed roots.
    expect(store.stderr).toMatch(/wrote store-only\/index.html: 2 inputs, 0 images, \d+ frames not found\./);
  });

  it('refuses a folder that holds no store, naming it, with exit code 2', async () => {
    await mkdir(path.join(root, 'empty'));
    const refused = await vaider('merge-reports', '../ci-machine/shard-2', '../empty', '../nowhere', '--json');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`vaider: BAD_ARGUMENT: Not a shard: ../empty holds no Vaider store (no ../empty/.vaider/runs/, no ../empty/runs/); ../nowhere does not exist.`);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'BAD_ARGUMENT' }, exit_code: 2 });
    expect(existsSync(path.join(merge, 'vaider-report'))).toBe(false);
  });
});
