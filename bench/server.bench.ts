import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ms, workDir } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');
const SESSIONS = 50;
const CALLS = 100;

interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  count: number;
}

function summarise(samples: number[], wallMs: number): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), perSecond: (samples.length / wallMs) * 1000, count: samples.length };
}

async function startServe(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--root', dir], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /REST: (http:\/\/\S+)\/v1\/health/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`vaider serve exited: ${stderr}`)));
  });
  return { url, child };
}

/** One keep-alive POST with node:http, which costs the load generator less CPU than fetch. */
function postJson(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ sessionId?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: '/mcp', method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ sessionId: res.headers['mcp-session-id'] as string | undefined, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A minimal MCP session over Streamable HTTP: initialize, then tools/call as plain POSTs whose SSE
 * answer is read whole. On a 2-core machine the load generator competes with the server for CPU;
 * this client spends much less of it per call than the SDK client, so it shows the server's latency.
 */
async function rawSession(agent: Agent, url: URL): Promise<(name: string, args: Record<string, unknown>) => Promise<string>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  let id = 0;
  const post = async (body: Record<string, unknown>) => {
    const response = await postJson(agent, url, headers, JSON.stringify({ jsonrpc: '2.0', ...body }));
    if (response.sessionId) headers['mcp-session-id'] = response.sessionId;
    return response.text;
  };
  await post({ id: ++id, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
  await post({ method: 'notifications/initialized' });
  return (name, args) => post({ id: ++id, method: 'tools/call', params: { name, arguments: args } });
}

/** `sessions` in parallel, each making `calls` calls in a row, after a warm-up round of 10 calls each (JIT, sockets). */
async function measure<S>(sessions: S[], calls: number, call: (session: S, i: number) => Promise<unknown>): Promise<Latencies> {
  await Promise.all(sessions.map(async (session) => {
    for (let i = 0; i < 10; i++) await call(session, i);
  }));
  const samples: number[] = [];
  const start = performance.now();
  await Promise.all(
    sessions.map(async (session) => {
      for (let i = 0; i < calls; i++) {
        const t = performance.now();
        await call(session, i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return summarise(samples, performance.now() - start);
}

function row(name: string, l: Latencies): string {
  return `| ${name} | ${l.count} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${Math.round(l.perSecond)}/s |`;
}

/** 50 concurrent MCP sessions over Streamable HTTP against `vaider serve` in its own process. */
export async function serverBench(): Promise<string[]> {
  const dir = await workDir('server-project');
  await rm(path.join(dir, '.vaider'), { recursive: true, force: true });
  await mkdir(path.join(dir, 'test-output'), { recursive: true });
  // Its own project: otherwise the repository's VaiderRules.json, found upwards, would be the root.
  await writeFile(path.join(dir, 'VaiderRules.json'), '{}\n');
  const video = path.join(dir, 'test-output', 'clip.mp4');
  await copyFile((await benchVideo(10, 4)).file, video);

  const { url, child } = await startServe(dir);
  try {
    const seed = await fetch(`${url}/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: video, expectations: ["shows 'Continue 4'"] }),
    });
    const runId = ((await seed.json()) as { run_id: string }).run_id;

    const agent = new Agent({ keepAlive: true, maxSockets: SESSIONS + 4 });
    const base = new URL(url);
    const health = await measure(Array.from({ length: SESSIONS }, () => null), CALLS, () =>
      new Promise((resolve, reject) => {
        httpRequest({ host: base.hostname, port: base.port, path: '/v1/health', agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
      }),
    );

    const clients = await Promise.all(
      Array.from({ length: SESSIONS }, async (_, i) => {
        const client = new Client({ name: `bench-${i}`, version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
        return client;
      }),
    );
    const runs = await measure(clients, CALLS, (client, i) =>
      i % 2 === 0 ? client.callTool({ name: 'vaider_list_runs', arguments: { limit: 20 } }) : client.callTool({ name: 'vaider_get_run', arguments: { run_id: runId } }),
    );
    const cached = await measure(clients, 10, (client) =>
      client.callTool({ name: 'vaider_analyze_video', arguments: { path: video, expectations: ["shows 'Continue 4'"] } }),
    );
    await Promise.all(clients.map((c) => c.close()));

    const raw = await Promise.all(Array.from({ length: SESSIONS }, () => rawSession(agent, base)));
    const rawRuns = await measure(raw, CALLS, (callTool, i) =>
      i % 2 === 0 ? callTool('vaider_list_runs', { limit: 20 }) : callTool('vaider_get_run', { run_id: runId }),
    );
    agent.destroy();

    return [
      `### Server: ${SESSIONS} concurrent MCP sessions over Streamable HTTP, \`vaider serve\` in its own process`,
      '',
      '| calls | count | p50 | p95 | p99 | throughput |',
      '|---|---|---|---|---|---|',
      row('`GET /v1/health`, plain HTTP through the same stack: the floor', health),
      row('`vaider_list_runs` / `vaider_get_run`, alternating, SDK clients', runs),
      row('`vaider_list_runs` / `vaider_get_run`, alternating, minimal HTTP clients', rawRuns),
      row('`vaider_analyze_video`, answered from the cache, SDK clients (10 per session)', cached),
      '',
      `Target: p95 < 50 ms for list/get: ${ms(runs.p95)} with SDK clients, ${ms(rawRuns.p95)} with minimal clients. ` +
        'The load generator shares the 2 cores with the server; the SDK client spends more CPU per call than the server does.',
      '',
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
