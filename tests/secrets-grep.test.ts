import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { runProcess } from '../src/media/run-process.js';
import { startServer } from '../src/server/start-server.js';
import { makeVideo, scratchDir, type ScreenSpec } from './helpers/media-fixtures.js';

/**
 * Secrets shown by a test video are read by OCR and must not leave Vaider in clear: not on stdout or
 * stderr, not in REST bodies or MCP results, not in any file it writes (the interactions folder, the
 * store). Each secret is big, high-contrast text the offline OCR reads exactly.
 */

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

const SECRETS = {
  password: 'swordfish42',
  awsKeyId: 'AKIAWXYZHJKLMNPQRTUV',
  stripeKey: 'sk_live_abcdefghjkmnpqrstuvwx234567',
  gitlabToken: 'glpat-abcdefghjkmnpqrstuvw',
};

const SETTINGS: ScreenSpec = {
  background: 'white',
  texts: [
    { text: 'Settings', x: 60, y: 40, size: 48 },
    { text: `Password: ${SECRETS.password}`, x: 60, y: 140, size: 44 },
    { text: `Key ID: ${SECRETS.awsKeyId}`, x: 60, y: 240, size: 44 },
  ],
};
const TOKENS: ScreenSpec = {
  background: 'white',
  texts: [
    { text: 'Tokens', x: 60, y: 40, size: 48 },
    { text: `Stripe: ${SECRETS.stripeKey}`, x: 60, y: 140, size: 40 },
    { text: `GitLab: ${SECRETS.gitlabToken}`, x: 60, y: 240, size: 40 },
  ],
};
/** Where each secret was on screen, once redacted: the mask stands exactly where OCR read the secret. */
const REDACTED_LINES = ['Password: [REDACTED]', 'Key ID: [REDACTED]', 'Stripe: [REDACTED]', 'GitLab: [REDACTED]'];
// A mismatch makes the verdict quote what the screen showed instead.
const EXPECTATIONS = ["shows 'Settings' then 'Tokens'", "shows 'Welcome, Alice'"];

let dir: string;
let cleanup: () => Promise<void>;
let video: string;

function expectNoSecret(returned: Record<string, string>): void {
  for (const [where, body] of Object.entries(returned)) {
    for (const secret of Object.values(SECRETS)) expect(body, `${where} holds ${secret}`).not.toContain(secret);
  }
}

async function cli(...args: string[]) {
  const run = await runProcess(process.execPath, [BIN, ...args], { cwd: dir });
  return { code: run.code, stdout: run.stdout.toString('utf8'), stderr: run.stderr };
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-secrets-'));
  await mkdir(path.join(dir, 'test-output'));
  video = await makeVideo(path.join(dir, 'test-output', 'settings.mp4'), [
    { screen: SETTINGS, start: 0, end: 2 },
    { screen: TOKENS, start: 2, end: 4 },
  ]);
});
afterAll(() => cleanup());

describe('no secret shown on screen leaves Vaider in clear', () => {
  it('in REST and MCP results from a real server', async () => {
    /** Everything the server answered, by request. */
    const returned: Record<string, string> = {};
    const config = loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } });
    const vaider = await openVaider(config);
    const server = await startServer({ vaider, host: '127.0.0.1', port: 0, maxBodyKb: 64 });
    const client = new Client({ name: 'secrets-test', version: '1.0.0' });
    try {
      const post = await fetch(`${server.url}/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: video, expectations: EXPECTATIONS }),
      });
      returned['POST /v1/analyze'] = await post.text();
      const runId = (JSON.parse(returned['POST /v1/analyze']) as { run_id: string }).run_id;
      // OCR did read every secret: the run in memory holds them, which is why everything else is checked.
      const inMemory = JSON.stringify(await vaider.runs.get(runId));
      for (const secret of Object.values(SECRETS)) expect(inMemory).toContain(secret);

      returned['GET /v1/runs'] = await (await fetch(`${server.url}/v1/runs`)).text();
      returned['GET /v1/runs/:id'] = await (await fetch(`${server.url}/v1/runs/${runId}`)).text();

      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
      const call = async (name: string, args: Record<string, unknown>) => {
        const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
        expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
        returned[name] = JSON.stringify(result);
        return result;
      };
      const verified = await call('vaider_verify_video', { path: video, expectations: [EXPECTATIONS[1]], no_cache: true });
      expect(verified.structuredContent).toMatchObject({ verdict: { status: 'mismatch' } });
      await call('vaider_analyze_video', { path: video });
      await call('vaider_list_runs', {});
      await call('vaider_get_run', { run_id: runId });
      returned['resources/list'] = JSON.stringify(await client.listResources());
      returned['resource run'] = JSON.stringify(await client.readResource({ uri: `vaider://runs/${runId}` }));
      returned['resource rules'] = JSON.stringify(await client.readResource({ uri: 'vaider://rules' }));
    } finally {
      await client.close();
      await server.close();
      await vaider.close();
    }
    expect(Object.keys(returned)).toHaveLength(10);
    expectNoSecret(returned);
  });

  it('on stdout and stderr of the CLI, as JSON, as text and from the watcher', { timeout: 180_000 }, async () => {
    const json = await cli('analyze', video, '--root', dir, '--json', '--expect', EXPECTATIONS[0]!, '--expect', EXPECTATIONS[1]!);
    expect(json.code, json.stderr).toBe(1);
    const text = await cli('analyze', video, '--root', dir, '--expect', EXPECTATIONS[1]!);
    expect(text.stdout).toContain('Verdict: MISMATCH');
    const watched = await cli('watch', '--once');
    expect(watched.stderr).toContain('settings.mp4');
    expectNoSecret({
      'analyze --json stdout': json.stdout,
      'analyze --json stderr': json.stderr,
      'analyze stdout': text.stdout,
      'analyze stderr': text.stderr,
      'watch --once stderr': watched.stderr,
      'watch --once stdout': watched.stdout,
    });

    // The masks stand where the secrets were, in what was returned and in the text timeline on disk.
    const result = JSON.parse(json.stdout) as { text_timeline: string };
    const timeline = await readFile(result.text_timeline, 'utf8');
    for (const line of REDACTED_LINES) {
      expect(timeline).toContain(`"${line}"`);
      expect(json.stdout).toContain(line);
    }
  });

  it('in any file written: the interactions folder and the store', async () => {
    const files = await filesUnder(dir);
    const written = files.map((f) => path.relative(dir, f));
    expect(written).toEqual(expect.arrayContaining([path.join('.vaider', 'jobs.json')]));
    expect(written.some((f) => f.startsWith(path.join('.vaider', 'runs') + path.sep))).toBe(true);
    for (const file of files) {
      const bytes = await readFile(file);
      for (const secret of Object.values(SECRETS)) expect(bytes.includes(secret), `${path.relative(dir, file)} holds ${secret}`).toBe(false);
    }
  });
});
