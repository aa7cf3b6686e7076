import { readFile, symlink } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server/start-server.js';
import { scratchDir } from './helpers/media-fixtures.js';
import { startServerFixture, type ServerFixture } from './helpers/server-fixture.js';

let fx: ServerFixture;
beforeAll(async () => {
  fx = await startServerFixture();
});
afterAll(() => fx.close());

async function request(route: string, init: RequestInit = {}) {
  const res = await fetch(`${fx.server.url}${route}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
  request(route, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('REST API', () => {
  it('reports health', async () => {
    expect(await request('/v1/health')).toMatchObject({ status: 200, body: { status: 'ok', provider: 'local' } });
  });

  it('analyses through /v1/analyze and /v1/analyze, and lists and gets runs', async () => {
    const analyzed = await post('/v1/analyze', { path: 'test-output/login.mp4', expectations: ["shows 'Welcome, Alice'"] });
    expect(analyzed).toMatchObject({ status: 200, body: { verdict: { status: 'match' } } });
    const american = await post('/v1/analyze', { path: 'test-output/error.png' });
    expect(american).toMatchObject({ status: 200, body: { media: { kind: 'image' }, verdict: null } });

    const { body } = await request('/v1/runs?limit=5');
    expect(body.runs.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([analyzed.body.run_id, american.body.run_id]));
    // Runs are on disk, not only in memory: one file each.
    expect(await readFile(path.join(fx.dir, '.vaider', 'runs', `${analyzed.body.run_id}.json`), 'utf8')).toContain(analyzed.body.run_id);
    const one = await request(`/v1/runs/${analyzed.body.run_id}`);
    expect(one).toMatchObject({ status: 200, body: { run: { state: 'done', verdict: 'match' }, result: { verdict: { status: 'match' } } } });
  });

  it('answers errors as JSON with the right status', async () => {
    const cases: Array<[Promise<{ status: number; body: { error: { code: string } } }>, number, string]> = [
      [post('/v1/analyze', { nope: 1 }), 400, 'BAD_ARGUMENT'],
      [post('/v1/analyze', { path: 'test-output/missing.mp4' }), 404, 'INPUT_NOT_FOUND'],
      [post('/v1/analyze', { path: '../../etc/passwd' }), 403, 'PATH_OUTSIDE_ROOTS'],
      [request('/v1/runs/run_nope'), 404, 'RUN_NOT_FOUND'],
      [request('/v2/whatever'), 404, 'ROUTE_NOT_FOUND'],
      [post('/v1/analyze', { path: 'x'.repeat(100_000) }), 413, 'BODY_TOO_LARGE'],
      [request('/v1/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"path": ' }), 400, 'BAD_ARGUMENT'],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect(response.status, code).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(typeof (response.body.error as { message?: unknown }).message).toBe('string');
    }
  });
});

describe('load', () => {
  it('runs at most max_concurrent_analyses at once and queues the rest', async () => {
    const capped = await startServerFixture({ rules: { max_concurrent_analyses: 1 } });
    try {
      const analyze = () =>
        fetch(`${capped.server.url}/v1/analyze`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ path: capped.video, no_cache: true }),
        }).then((r) => r.status);
      const pending = [analyze(), analyze(), analyze()];
      const seen: string[][] = [];
      let statuses: number[] | undefined;
      void Promise.all(pending).then((s) => (statuses = s));
      while (!statuses) {
        const { runs } = (await (await fetch(`${capped.server.url}/v1/runs`)).json()) as { runs: Array<{ state: string }> };
        seen.push(runs.map((r) => r.state));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(statuses).toEqual([200, 200, 200]);
      expect(Math.max(...seen.map((states) => states.filter((s) => s === 'analyzing').length))).toBe(1);
      expect(seen.some((states) => states.includes('queued'))).toBe(true);
    } finally {
      await capped.close();
    }
  });
});

describe('security', () => {
  it('refuses a rebinding Host and a foreign Origin', async () => {
    // fetch will not send a forged Host header; a plain HTTP request will, as a rebinding browser does.
    const withHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${fx.server.url}/v1/health`, { headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await withHost('evil.example:3456')).toBe(403);
    expect(await withHost(`localhost:${fx.server.port}`)).toBe(200);
    expect((await request('/v1/health', { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await request('/v1/health', { headers: { origin: 'http://localhost:5173' } })).status).toBe(200);
    const mcp = await post('/mcp', { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }, { origin: 'https://evil.example' });
    expect(mcp.status).toBe(403);
  });

  it('refuses a symlink that leads out of the allowed roots', async () => {
    const { dir: outside, cleanup } = await scratchDir('vaider-outside-');
    await symlink(outside, path.join(fx.dir, 'escape'));
    expect((await post('/v1/analyze', { path: 'escape/anything.mp4' })).body.error.code).toBe('PATH_OUTSIDE_ROOTS');
    await cleanup();
  });

  it('requires the token when one is set, from REST and MCP clients alike', async () => {
    const guarded = await startServerFixture({ token: 's3cret-token-value' });
    try {
      const health = (headers: Record<string, string> = {}) => fetch(`${guarded.server.url}/v1/health`, { headers }).then((r) => r.status);
      expect(await health()).toBe(401);
      expect(await health({ authorization: 'Bearer wrong' })).toBe(401);
      expect(await health({ authorization: 'Bearer s3cret-token-value' })).toBe(200);

      const client = new Client({ name: 'token-test', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(`${guarded.server.url}/mcp`), {
        requestInit: { headers: { authorization: 'Bearer s3cret-token-value' } },
      });
      await client.connect(transport);
      expect((await client.listTools()).tools.length).toBe(11);
      await client.close();
    } finally {
      await guarded.close();
    }
  });

  it('will not bind beyond loopback without a token', async () => {
    await expect(startServer({ vaider: fx.vaider, host: '0.0.0.0', port: 0, maxBodyKb: 64 })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });

  it('says what holds a busy port, a Vaider or another program, and how to choose another', async () => {
    await expect(startServer({ vaider: fx.vaider, host: '127.0.0.1', port: fx.server.port, maxBodyKb: 64 })).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: expect.stringMatching(/^Port \d+ on 127\.0\.0\.1 is taken by another vaider serve \(\d+\.\d+\.\d+\)\. .*--port N/),
    });
    const other = createServer((socket) => socket.end('not http\n'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = other.address() as AddressInfo;
      await expect(startServer({ vaider: fx.vaider, host: '127.0.0.1', port, maxBodyKb: 64 })).rejects.toMatchObject({
        code: 'PORT_IN_USE',
        details: { port, holder: 'another program' },
      });
    } finally {
      other.close();
    }
  });

  it('binds to loopback by default', () => {
    expect(fx.server.host).toBe('127.0.0.1');
  });
});
