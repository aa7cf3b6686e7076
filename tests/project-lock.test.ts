import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeScreenshot, scratchDir, WELCOME_SCREEN } from './helpers/media-fixtures.js';
import { startDaemon, vaiderIn, type Daemon } from './helpers/daemon.js';

let dir: string;
let cleanup: () => Promise<void>;
const daemons: Daemon[] = [];
beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-lock-'));
});
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop('SIGKILL')));
});
afterAll(() => cleanup());

async function project(name: string): Promise<string> {
  const root = path.join(dir, name);
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'VaiderRules.json'), '{}');
  return root;
}

async function start(root: string, ...args: string[]): Promise<Daemon> {
  const daemon = await startDaemon(root, args);
  daemons.push(daemon);
  return daemon;
}

const owner = async (root: string) => JSON.parse(await readFile(path.join(root, '.vaider', 'owner.json'), 'utf8')) as { pid: number; command: string };

describe('one writer per project', () => {
  it('refuses a second serve or watch, and one-shot commands that write the store, naming the owner; the first keeps working', async () => {
    const root = await project('two-daemons');
    const first = await start(root, 'serve', '--port', '0');
    expect(await owner(root)).toMatchObject({ pid: first.child.pid, command: 'vaider serve --port 0' });

    const refused = async (...args: string[]) => {
      const second = await vaiderIn(root, ...args);
      expect(second.code, args.join(' ')).toBe(2);
      expect(second.stderr).toMatch(new RegExp(`^vaider: STORE_LOCKED: .*\\.vaider is in use by pid ${first.child.pid} \\(vaider serve --port 0\\), since \\d{4}-`));
      expect(second.stderr).not.toMatch(/\n\s+at /);
    };
    for (const args of [['serve', '--port', '0'], ['watch'], ['serve', '--port', '0', '--no-watch'], ['cache', 'clear']]) await refused(...args);

    const screenshot = await makeScreenshot(path.join(root, 'welcome.png'), WELCOME_SCREEN);
    const response = await fetch(`${first.url}/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: screenshot }),
    });
    expect(response.status).toBe(200);
    const { run_id: runId } = (await response.json()) as { run_id: string };
    expect(await readFile(path.join(root, '.vaider', 'runs', `${runId}.json`), 'utf8')).toContain(runId);
    // Another process reads the owner's runs, but approving one as the baseline writes the store.
    await refused('baseline', 'approve', runId);

    expect(await first.stop()).toBe(0);
    // Given up on a clean exit: the next one starts at once.
    const next = await start(root, 'watch');
    expect((await owner(root)).pid).toBe(next.child.pid);
  });

  it('takes over the lock of an owner that was killed', async () => {
    const root = await project('killed-owner');
    const killed = await start(root, 'watch');
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect((await owner(root)).pid).toBe(killed.child.pid);

    const next = await start(root, 'serve', '--port', '0');
    expect(await owner(root)).toMatchObject({ pid: next.child.pid, command: 'vaider serve --port 0' });
    expect((await fetch(`${next.url}/v1/health`)).status).toBe(200);
  });
});
