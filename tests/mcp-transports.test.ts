import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../src/media/run-process.js';
import { startServerFixture, type ServerFixture } from './helpers/server-fixture.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

let fx: ServerFixture;
beforeAll(async () => {
  fx = await startServerFixture();
});
afterAll(() => fx.close());

async function exercise(client: Client, screenshot: string): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools).toHaveLength(11);
  const found = (await client.callTool({ name: 'vaider_find_element', arguments: { path: screenshot, target: 'the Sign In button' } })) as CallToolResult;
  expect(found.structuredContent).toMatchObject({ found: true, type: 'button' });
  const runs = (await client.callTool({ name: 'vaider_list_runs', arguments: {} })) as CallToolResult;
  expect(runs.isError).toBeFalsy();
}

describe('other MCP transports', () => {
  it('Streamable HTTP at the bare URL, as `"url": "http://localhost:3456"` configures it; a browser there gets the viewer', async () => {
    const client = new Client({ name: 'root-url-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(fx.server.url));
    await client.connect(transport);
    try {
      await exercise(client, fx.screenshot);
    } finally {
      await transport.terminateSession();
      await client.close();
    }
    const page = await fetch(fx.server.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    // A browser gets the viewer's page, not an MCP error.
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/viewer/viewer.js');
  });

  it('legacy SSE: GET /sse plus POST /messages', async () => {
    const client = new Client({ name: 'sse-test', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${fx.server.url}/sse`)));
    try {
      await exercise(client, fx.screenshot);
    } finally {
      await client.close();
    }
  });

  it('stdio: vaider mcp --stdio, launched by the client', async () => {
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--stdio', '--root', fx.dir], cwd: fx.dir, stderr: 'pipe' });
    await client.connect(transport);
    try {
      await exercise(client, path.relative(fx.dir, fx.screenshot));
    } finally {
      await client.close();
    }
  });

  it('an independent client, the MCP Inspector CLI, lists the tools and calls one', async () => {
    const inspector = createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector-cli/build/index.js');
    // It reads its own package.json relative to the working folder, so it runs from its build folder.
    const cwd = path.dirname(inspector);
    const list = await runProcess(process.execPath, [inspector, `${fx.server.url}/mcp`, '--method', 'tools/list'], { cwd });
    expect(list.code, list.stderr).toBe(0);
    const names = JSON.parse(list.stdout.toString()).tools.map((t: { name: string }) => t.name);
    expect(names).toContain('vaider_analyze_video');
    const call = await runProcess(process.execPath, [
      inspector,
      `${fx.server.url}/mcp`,
      '--method',
      'tools/call',
      '--tool-name',
      'vaider_describe_screenshot',
      '--tool-arg',
      `path=${fx.screenshot}`,
    ], { cwd });
    expect(call.code, call.stderr).toBe(0);
    expect(JSON.parse(call.stdout.toString()).structuredContent.summary).toMatch(/Sign In/);
  });
});
