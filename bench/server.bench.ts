import { Agent, request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ms } from './bench-utils.js';
import { rawSession, servedProject, summarise, type Latencies } from './mcp-load.js';
const SESSIONS = 50;
const CALLS = 100;

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
  const { url, child, video, runId } = await servedProject('server-project');
  try {
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
