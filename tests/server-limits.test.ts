import { copyFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../src/server/http/request-guards.js';
import { createSessionTable } from '../src/server/http/session-table.js';
import { startServer } from '../src/server/start-server.js';
import { startServerFixture, type ServerFixture } from './helpers/server-fixture.js';

const PROTOCOL = '2025-06-18';
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': PROTOCOL };

/** A bare initialize, as the cheapest client would send it; its status, session id and body. */
async function initialize(url: string): Promise<{ status: number; sessionId: string | null; text: string }> {
  const res = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }),
  });
  return { status: res.status, sessionId: res.headers.get('mcp-session-id'), text: await res.text() };
}

/** A ping in session `sessionId`: 200 while the session lives, 404 once it is closed. */
async function ping(url: string, sessionId: string): Promise<number> {
  const res = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { ...HEADERS, 'mcp-session-id': sessionId },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Sends `raw` bytes on a plain TCP connection and returns everything the server sends before it closes. */
function rawExchange(url: string, raw: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

/**
 * A legacy SSE session read by hand (the SDK's client reconnects when the stream ends, opening a new
 * session): `ping` posts a ping and reads its answer from the stream, `ended` resolves when the
 * server closes the stream.
 */
async function openSseStream(url: string): Promise<{ ping(): Promise<void>; ended: Promise<void> }> {
  const res = await fetch(`${url}/sse`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const nextEvent = async (): Promise<string | undefined> => {
    while (!buffer.includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffer += value;
    }
    const [event] = buffer.split('\n\n', 1);
    buffer = buffer.slice(event!.length + 2);
    return /^data: (.*)$/m.exec(event!)?.[1];
  };
  const endpoint = await nextEvent();
  return {
    async ping() {
      const posted = await fetch(new URL(endpoint!, url), { method: 'POST', headers: HEADERS, body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' }) });
      expect(posted.status).toBe(202);
      expect(JSON.parse((await nextEvent())!)).toMatchObject({ id: 7, result: {} });
    },
    get ended() {
      return (async () => {
        while ((await nextEvent()) !== undefined);
      })();
    },
  };
}

function jsonBodyOf(response: string): { error: { code: string; message: string } } {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
}

describe('MCP session cap', () => {
  let fx: ServerFixture;
  beforeAll(async () => {
    fx = await startServerFixture({ rules: { server: { max_sessions: 50 } } });
  });
  afterAll(() => fx.close());

  it('takes 2,000 sessions without passing the cap, closing the least recently active idle one first', async () => {
    const url = fx.server.url;
    const first = await initialize(url);
    const ids: string[] = [];
    let most = 0;
    for (let i = 0; i < 2000; i++) {
      const created = await initialize(url);
      expect(created.status, created.text).toBe(200);
      ids.push(created.sessionId!);
      most = Math.max(most, fx.server.sessions());
      // The first session keeps working, so it is never the idle one that goes.
      if (i % 20 === 0) expect(await ping(url, first.sessionId!)).toBe(200);
    }
    expect(most).toBe(50);
    expect(fx.server.sessions()).toBe(50);
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);

    expect(await ping(url, first.sessionId!)).toBe(200);
    const alive: number[] = [];
    for (const [index, id] of ids.entries()) if ((await ping(url, id)) === 200) alive.push(index);
    // The first session and the 49 newest are left: every other one was closed oldest first.
    expect(alive).toEqual(Array.from({ length: 49 }, (_, k) => 2000 - 49 + k));
  });

  it('closes the oldest idle session of either transport, SSE included', async () => {
    const small = await startServerFixture({ rules: { server: { max_sessions: 2 } } });
    try {
      const sse = await openSseStream(small.server.url);
      const streamable = new Client({ name: 'streamable', version: '1' });
      await streamable.connect(new StreamableHTTPClientTransport(new URL(`${small.server.url}/mcp`)));
      await sse.ping();
      expect(small.server.sessions()).toBe(2);

      // The Streamable client is the least recently active: the SSE session has just answered a ping.
      const third = new Client({ name: 'third', version: '1' });
      await third.connect(new StreamableHTTPClientTransport(new URL(`${small.server.url}/mcp`)));
      await expect(streamable.listTools()).rejects.toThrow(/404|Session not found/);
      const fourth = new Client({ name: 'fourth', version: '1' });
      await fourth.connect(new StreamableHTTPClientTransport(new URL(`${small.server.url}/mcp`)));
      await sse.ended;
      expect(small.server.sessions()).toBe(2);
      expect((await third.listTools()).tools.length).toBe(11);
      await Promise.all([third.close(), fourth.close()]);
    } finally {
      await small.close();
    }
  });

  it('refuses a new session with a JSON-RPC error while every session has a request in flight', async () => {
    const busy = await startServerFixture({ rules: { server: { max_sessions: 2 }, max_concurrent_analyses: 2 } });
    // Each client's model is asked during its call and answers only when released: the calls stay in flight.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const calls: Array<Promise<unknown>> = [];
    try {
      const second = path.join(busy.dir, 'test-output', 'second.mp4');
      await copyFile(busy.video, second);
      for (const video of [busy.video, second]) {
        const client = new Client({ name: 'busy', version: '1' }, { capabilities: { sampling: {} } });
        client.setRequestHandler(CreateMessageRequestSchema, async () => {
          asked++;
          await released;
          return { role: 'assistant', model: 'held', content: { type: 'text', text: '{"results":[]}' } };
        });
        await client.connect(new StreamableHTTPClientTransport(new URL(`${busy.server.url}/mcp`)));
        const arguments_ = { path: video, expectations: ['the Sign In button is blue'], provider: 'sampling', no_cache: true };
        calls.push(client.callTool({ name: 'vaider_verify_video', arguments: arguments_ }).finally(() => client.close()));
      }
      await expect.poll(() => asked, { timeout: 30_000 }).toBe(2);

      const refused = await initialize(busy.server.url);
      expect(refused.status).toBe(503);
      const body = JSON.parse(refused.text);
      expect(body).toMatchObject({ jsonrpc: '2.0', id: 1, error: { code: -32000, data: { code: 'TOO_MANY_SESSIONS', max_sessions: 2 } } });
      expect(body.error.message).toMatch(/^TOO_MANY_SESSIONS: /);
      const sse = await fetch(`${busy.server.url}/sse`);
      expect(sse.status).toBe(503);
      expect(((await sse.json()) as { error: { data: { code: string } } }).error.data.code).toBe('TOO_MANY_SESSIONS');
      expect(busy.server.sessions()).toBe(2);

      release();
      await Promise.all(calls);
      const admitted = await initialize(busy.server.url);
      expect(admitted.status).toBe(200);
      expect(busy.server.sessions()).toBe(2);
    } finally {
      release();
      await Promise.allSettled(calls);
      await busy.close();
    }
  });

  it('closes a session left idle for server.session_idle_seconds', async () => {
    const idle = await startServerFixture({ rules: { server: { session_idle_seconds: 0.2 } } });
    try {
      const { sessionId } = await initialize(idle.server.url);
      await expect.poll(() => idle.server.sessions()).toBe(0);
      expect(await ping(idle.server.url, sessionId!)).toBe(404);
    } finally {
      await idle.close();
    }
  });

  it('never expires a session with a request in flight', async () => {
    const closed: string[] = [];
    const table = createSessionTable<{ close(): Promise<void> }>({ maxSessions: 10, idleMs: 20 });
    const session = (id: string) => ({ close: async () => void closed.push(id) });
    table.open('busy', session('busy'));
    table.open('idle', session('idle'));
    table.ready('busy');
    table.ready('idle');
    table.begin('busy', 1);
    await expect.poll(() => closed).toEqual(['idle']);
    table.end('busy', 1);
    await expect.poll(() => closed).toEqual(['idle', 'busy']);
    await table.closeAll();
  });
});

describe('HTTP limits and errors', () => {
  let fx: ServerFixture;
  beforeAll(async () => {
    fx = await startServerFixture({ rules: { server: { headers_timeout_seconds: 0.2, request_timeout_seconds: 0.4 } } });
  });
  afterAll(() => fx.close());

  it('cuts off a body that never finishes, and headers that never end, with a JSON 408', async () => {
    const client = new Client({ name: 'long-lived', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${fx.server.url}/mcp`)));

    const slowBody = await rawExchange(
      fx.server.url,
      'POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"path": "te',
    );
    expect(slowBody).toMatch(/^HTTP\/1\.1 408 /);
    expect(jsonBodyOf(slowBody).error.code).toBe('REQUEST_TIMEOUT');
    const slowHeaders = await rawExchange(fx.server.url, 'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(slowHeaders).toMatch(/^HTTP\/1\.1 408 /);
    expect(jsonBodyOf(slowHeaders).error.code).toBe('REQUEST_TIMEOUT');

    // The timeouts bound how long a request takes to arrive, not how long a session or an answer lasts.
    expect((await client.listTools()).tools.length).toBe(11);
    await client.close();
  });

  it('answers a malformed URL escape, a bad body and malformed HTTP in JSON, without a stack', async () => {
    const escape = await fetch(`${fx.server.url}/v1/runs/%E0%A4%A`);
    expect(escape.status).toBe(400);
    expect(escape.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await escape.text();
    expect(JSON.parse(text).error).toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringMatching(/malformed percent escape/) });
    expect(text).not.toMatch(/\bat \S+ \(|node_modules|<html/i);

    const encoding = await fetch(`${fx.server.url}/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'bogus' },
      body: '{}',
    });
    expect(encoding.status).toBe(400);
    expect(((await encoding.json()) as { error: { code: string } }).error.code).toBe('BAD_ARGUMENT');

    const notHttp = await rawExchange(fx.server.url, 'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n');
    expect(notHttp).toMatch(/^HTTP\/1\.1 400 /);
    expect(jsonBodyOf(notHttp).error.code).toBe('BAD_ARGUMENT');
  });
});

describe('the token rule', () => {
  it('counts only localhost and literal loopback addresses as loopback', () => {
    for (const host of ['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', '0:0:0:0:0:0:0:1']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['127.evil.invalid', '127.0.0.1.nip.io', '127.1', '0.0.0.0', '::', '10.0.0.1', 'localhost.evil.invalid']) expect(isLoopback(host), host).toBe(false);
  });

  it('requires the token to bind to a name that only starts like a loopback address', async () => {
    const fx = await startServerFixture();
    try {
      await expect(startServer({ vaider: fx.vaider, host: '127.evil.invalid', port: 0 })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    } finally {
      await fx.close();
    }
  });
});
