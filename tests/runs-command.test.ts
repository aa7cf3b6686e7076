import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { runProcess } from '../src/media/run-process.js';
import { makeScreenshot, scratchDir, WELCOME_SCREEN } from './helpers/media-fixtures.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

let dir: string;
let cleanup: () => Promise<void>;
let ids: string[];

async function vaider(...args: string[]) {
  const run = await runProcess(process.execPath, [BIN, ...args], { cwd: dir });
  return { code: run.code, stdout: run.stdout.toString('utf8'), stderr: run.stderr };
}

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-runs-'));
  await writeFile(path.join(dir, 'VaiderRules.json'), '{}\n');
  const screenshot = await makeScreenshot(path.join(dir, 'welcome.png'), WELCOME_SCREEN);
  const app = await openVaider(loadConfig({ cwd: dir, env: {} }));
  try {
    const matched = await app.runs.analyze({ input: screenshot, expectations: ["shows 'Welcome, Alice'"], requestedBy: 'mcp' });
    const described = await app.runs.analyze({ input: screenshot, requestedBy: 'rest' });
    ids = [matched.run.id, described.run.id];
  } finally {
    await app.close();
  }
});
afterAll(() => cleanup());

describe('vaider runs', () => {
  it('lists the recorded runs newest first, shows one with its verdict, and refuses a bad filter in one line', async () => {
    const [list, json, show, bad] = await Promise.all([
      vaider('runs'),
      vaider('runs', '--state', 'done', '--json'),
      vaider('runs', 'show', ids[0]!),
      vaider('runs', '--state', 'finished'),
    ]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${ids[1]}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  DESCRIBED   welcome\\.png  \\(rest, local\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^${ids[0]} .* MATCH .* welcome\\.png  \\(mcp, local\\)$`));
    expect((JSON.parse(json.stdout) as Array<{ id: string }>).map((r) => r.id)).toEqual([ids[1], ids[0]]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("Verdict: MATCH");
    expect(show.stdout).toContain("  PASS  shows 'Welcome, Alice'");
    expect(show.stdout).toMatch(/Interactions: welcome\.png\.VaiderInteractions\/attempts\/001\//);
    expect(bad).toMatchObject({ code: 2, stderr: 'vaider: BAD_ARGUMENT: --state must be one of queued, analyzing, done, error, got "finished".\n' });
  });
});
