import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from './helpers/media-fixtures.js';
import { BIN, startDaemon, vaiderIn } from './helpers/daemon.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-doctor-'));
});
afterAll(() => cleanup());

/** A project whose store holds `files` (name → content). */
async function project(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(dir, name);
  await mkdir(path.join(root, '.vaider'), { recursive: true });
  await writeFile(path.join(root, 'VaiderRules.json'), '{}');
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, '.vaider', file)), { recursive: true });
    await writeFile(path.join(root, '.vaider', file), content);
  }
  return root;
}

/** The one line a front end gives for a damaged store: the file, and the command that mends it. */
function expectNamed(text: string, file: string): void {
  expect(text).toContain(`STORE_CORRUPT: ${file} is not a readable store`);
  expect(text).toContain('vaider doctor --repair');
  expect(text).not.toMatch(/\n\s+at /);
}

async function mcpListRuns(root: string): Promise<string> {
  const client = new Client({ name: 'doctor-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--stdio'], cwd: root, stderr: 'pipe' }));
  try {
    const result = await client.callTool({ name: 'vaider_list_runs', arguments: {} });
    expect(result.isError).toBe(true);
    return (result.content as Array<{ text: string }>).map((c) => c.text).join('\n');
  } finally {
    await client.close();
  }
}

describe('a damaged store', () => {
  it('a run cut short on disk: every front end that opens the runs names the file and vaider doctor; nothing is changed', async () => {
    const truncated = '{"id":"run_1","input":"';
    const root = await project('runs', { 'runs/run_1.json': truncated });
    const file = path.join(root, '.vaider', 'runs', 'run_1.json');
    for (const args of [['serve', '--port', '0'], ['serve', '--port', '0', '--no-watch'], ['watch', '--once'], ['baseline', 'approve', 'run_1']]) {
      const run = await vaiderIn(root, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expectNamed(run.stderr, file);
    }
    expectNamed(await mcpListRuns(root), file);
    expect(await readFile(file, 'utf8')).toBe(truncated);
  });

  it('jobs.json: the watcher and the server refuse to start on it', async () => {
    const root = await project('jobs', { 'jobs.json': 'null' });
    const file = path.join(root, '.vaider', 'jobs.json');
    for (const args of [['watch'], ['watch', '--once'], ['serve', '--port', '0']]) {
      const run = await vaiderIn(root, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expectNamed(run.stderr, file);
    }
    expect(await readFile(file, 'utf8')).toBe('null');
  });

  it('readable JSON of the wrong shape is damaged too, not an INTERNAL error later', async () => {
    const root = await project('shape', { 'runs/run_1.json': '{"id":"run_1","input":"a.mp4","expectations":{},"state":"done","created_at":""}' });
    const run = await vaiderIn(root, 'baseline', 'approve', 'run_1');
    expect(run.code).toBe(2);
    expectNamed(run.stderr, path.join(root, '.vaider', 'runs', 'run_1.json'));
    expect(run.stderr).toContain('its "expectations" is an object where a list belongs');
  });
});

describe('vaider doctor', () => {
  it('reports each store, moves the bad ones aside with --repair, and the project starts afresh', async () => {
    const root = await project('repair', {
      'runs/run_1.json': '{"id":"run_1"',
      'jobs.json': '',
      'healing.json': '[]',
    });
    await mkdir(path.join(root, '.vaider', 'cache', 'model', 'ab'), { recursive: true });
    await writeFile(path.join(root, '.vaider', 'cache', 'model', 'ab', 'ab12.json'), '{"text":"fine"}');
    await writeFile(path.join(root, '.vaider', 'cache', 'model', 'ab', 'ab34.json'), '{"te');

    const check = await vaiderIn(root, 'doctor');
    expect(check.code).toBe(1);
    const report = check.stdout.toString();
    expect(report).toMatch(/^CORRUPT +\.vaider\/runs\/run_1\.json: /m);
    expect(report).toMatch(/^CORRUPT +\.vaider\/jobs\.json: /m);
    expect(report).toMatch(/^ok +\.vaider\/healing\.json$/m);
    expect(report).toMatch(/^missing +\.vaider\/dynamic-regions\.json/m);
    expect(report).toMatch(/^ok +\.vaider\/cache\/model \(2 entries\)$/m);
    expect(report).toMatch(/^CORRUPT +\.vaider\/cache\/model\/ab\/ab34\.json: /m);
    expect(check.stderr).toContain('3 unreadable: "vaider doctor --repair" moves them aside.');

    const repair = await vaiderIn(root, 'doctor', '--repair', '--json');
    expect(repair.code, repair.stderr).toBe(0);
    const moved = (JSON.parse(repair.stdout.toString()) as { files: Array<{ file: string; state: string; moved_to?: string }> }).files.filter(
      (f) => f.state === 'moved_aside',
    );
    expect(moved.map((f) => path.basename(f.file))).toEqual(['jobs.json', 'run_1.json', 'ab34.json']);
    for (const f of moved) expect(f.moved_to).toMatch(new RegExp(`^${f.file.replace(/[.]/g, '\\.')}\\.corrupt-\\d{4}-`));
    expect(await readFile(moved[1]!.moved_to!, 'utf8')).toBe('{"id":"run_1"');
    expect(await readdir(path.join(root, '.vaider'))).toEqual(expect.arrayContaining(['healing.json']));

    expect((await vaiderIn(root, 'doctor')).code).toBe(0);
    const daemon = await startDaemon(root, ['serve', '--port', '0']);
    expect((await fetch(`${daemon.url}/v1/runs`)).status).toBe(200);
    expect(await daemon.stop()).toBe(0);
  });

  it('will not repair a store another process owns, and says which', async () => {
    const root = await project('owned', { 'healing.json': '[]' });
    const daemon = await startDaemon(root, ['watch']);
    try {
      const check = await vaiderIn(root, 'doctor');
      expect(check.code).toBe(0);
      expect(check.stdout.toString()).toContain(`in use by pid ${daemon.child.pid} (vaider watch)`);
      const repair = await vaiderIn(root, 'doctor', '--repair');
      expect(repair.code).toBe(2);
      expect(repair.stderr).toMatch(new RegExp(`STORE_LOCKED: .* in use by pid ${daemon.child.pid} \\(vaider watch\\)`));
    } finally {
      await daemon.stop();
    }
  });
});
