import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printableJson, printableLine } from '../src/base/printable-text.js';
import { runProcess } from '../src/media/run-process.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

/** A file name that, printed as it is, would end its line, forge an error line and clear the terminal. */
const FORGING_NAME = 'login\nvaider: INTERNAL: forged\x1b[2J\u202e.mp4';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-printing-'));
});
afterAll(() => cleanup());

async function vaider(...args: string[]) {
  const run = await runProcess(process.execPath, [BIN, ...args], { cwd: dir });
  return { code: run.code, stdout: run.stdout.toString('utf8'), stderr: run.stderr };
}

describe('printing text from outside', () => {
  it('escapes control characters, so a line stays one line', () => {
    expect(printableLine('a\nb\r\tc\x1b[31md\u0085e\u2028f\u202eg')).toBe('a\\nb\\r\\tc\\u001b[31md\\u0085e\\u2028f\\u202eg');
    expect(printableLine("Welcome, Alice · 12×34 → ok 'é'")).toBe("Welcome, Alice · 12×34 → ok 'é'");
    const value = { name: FORGING_NAME, next: '\u0085\u2029' };
    const json = printableJson(value, 2);
    expect(JSON.parse(json)).toEqual(value);
    for (const raw of ['\u0085', '\u2029', '\u202e', '\u001b']) expect(json).not.toContain(raw);
  });

  it('cannot forge a line on stderr through a file name in an error', async () => {
    const run = await vaider('analyze', path.join(dir, FORGING_NAME), '--root', dir);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vaider: INPUT_NOT_FOUND: .*login\\nvaider: INTERNAL: forged\\u001b\[2J\\u202e\.mp4/);
  });

  it("cannot forge a line through a file name in the watcher's console line", async () => {
    await mkdir(path.join(dir, 'test-output'));
    await makeVideo(path.join(dir, 'test-output', FORGING_NAME), LOGIN_FLOW);
    const run = await vaider('watch', '--once');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('vaider: INTERNAL'))).toEqual([]);
    expect(lines.find((line) => line.includes('forged'))).toMatch(/^vaider: test-output\/login\\nvaider: INTERNAL: forged\\u001b\[2J\\u202e\.mp4: DESCRIBED: /);
  });
});
