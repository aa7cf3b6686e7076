import { Agent } from 'node:http';
import { ms } from './bench-utils.js';
import { rawSession, servedProject, summarise } from './mcp-load.js';

/**
 * A soak: CLIENTS MCP clients call `vaider serve` without pause for SOAK_SECONDS (60 by default in
 * `npm run bench`; BENCHMARKS.md records a 600 s run: `SOAK_SECONDS=600 npm run bench -- Soak`). Each
 * client opens a new session every SESSION_CALLS calls and abandons the old one without closing it, as
 * a crashed agent would, so the session cap and idle expiry are exercised too. The server's memory is
 * read from /v1/health before and after: a leak shows as growth that a longer run makes larger.
 */
const CLIENTS = 20;
const SESSION_CALLS = 200;
/** A tool error, or a JSON-RPC error (a session refused or expired). */
const FAILED = /"isError":true|"error":\{"code":-?\d/;

interface Health {
  mcp_sessions: number;
  memory_mb: { rss: number; heap_used: number };
}

async function health(url: string): Promise<Health> {
  return (await (await fetch(`${url}/v1/health`)).json()) as Health;
}

export async function soakBench(): Promise<string[]> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 60);
  const { url, child, video, runId } = await servedProject('soak-project');
  try {
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 4 });
    const base = new URL(url);
    const before = await health(url);

    const samples: number[] = [];
    let errors = 0;
    let sessions = 0;
    const deadline = performance.now() + seconds * 1000;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < deadline) {
          const callTool = await rawSession(agent, base);
          sessions++;
          for (let i = 0; i < SESSION_CALLS && performance.now() < deadline; i++) {
            const t = performance.now();
            const answer =
              i % 10 === 9
                ? await callTool('vaider_analyze_video', { path: video, expectations: ["shows 'Continue 4'"] })
                : i % 2 === 0
                  ? await callTool('vaider_list_runs', { limit: 20 })
                  : await callTool('vaider_get_run', { run_id: runId });
            samples.push(performance.now() - t);
            if (FAILED.test(answer)) errors++;
          }
        }
      }),
    );
    const calls = summarise(samples, performance.now() - start);
    agent.destroy();
    const after = await health(url);

    return [
      `### Soak: ${CLIENTS} MCP clients for ${seconds} s against \`vaider serve\` in its own process`,
      '',
      `Each client calls without pause (list_runs, get_run, and every tenth call a cached analyze_video) and opens a new session every ${SESSION_CALLS} calls without closing the old one.`,
      '',
      '| | before | after |',
      '|---|---|---|',
      `| RSS | ${before.memory_mb.rss} MB | ${after.memory_mb.rss} MB |`,
      `| heap used | ${before.memory_mb.heap_used} MB | ${after.memory_mb.heap_used} MB |`,
      `| MCP sessions open | ${before.mcp_sessions} | ${after.mcp_sessions} (${sessions} opened; capped by server.max_sessions) |`,
      '',
      `${calls.count} calls, ${errors} errors: p50 ${ms(calls.p50)}, p95 ${ms(calls.p95)}, p99 ${ms(calls.p99)}, ${Math.round(calls.perSecond)}/s.`,
      '',
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
