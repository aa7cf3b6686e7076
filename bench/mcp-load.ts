/** Load on `vaider serve` from MCP clients, shared by the server and soak benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import path from 'node:path';
import { workDir } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

export interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  count: number;
}

export function summarise(samples: number[], wallMs: number): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), perSecond: (samples.length / wallMs) * 1000, count: samples.length };
}

export async function startServe(dir: string): Promise<{ url: string; child: ChildProcess }> {
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
export async function rawSession(agent: Agent, url: URL): Promise<(name: string, args: Record<string, unknown>) => Promise<string>> {
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

export interface ServedProject {
  url: string;
  child: ChildProcess;
  video: string;
  /** A finished run of `video`, so later calls have something to list and get, and analyses hit the cache. */
  runId: string;
}

/** `vaider serve` on a fresh project of its own holding one analysed 10 s clip. */
export async function servedProject(name: string): Promise<ServedProject> {
  const dir = await workDir(name);
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
    return { url, child, video, runId };
  } catch (error) {
    // The caller stops the server only once it has it.
    child.kill('SIGTERM');
    throw error;
  }
}
