import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VaiderError } from '../src/base/errors.js';
import { registerTool, type ToolDefinition } from '../src/server/mcp/adapter/tool-definition.js';

/** The generic MCP adapter on its own: a toy context, a toy tool, a real SDK client. */

interface Toy {
  greeting: string;
}

const greet: ToolDefinition<{ name: z.ZodString; fail: z.ZodOptional<z.ZodBoolean> }, { text: z.ZodString }, Toy> = {
  name: 'toy_greet',
  title: 'Greet',
  description: 'Greets someone, in steps.',
  inputSchema: { name: z.string().describe('Who.'), fail: z.boolean().optional().describe('Fail instead.') },
  outputSchema: { text: z.string().describe('The greeting.') },
  annotations: { readOnlyHint: true },
  async handler({ name, fail }, ctx) {
    if (fail) throw new VaiderError('BAD_ARGUMENT', `No greeting for ${name}.`, { name });
    for (const step of [0.25, 0.5, 1]) ctx.progress(step, `step ${step}`);
    return { structured: { text: `${ctx.app.greeting}, ${name}` }, summary: `Greeted ${name}.` };
  },
};

const waits: ToolDefinition<Record<string, never>, { done: z.ZodBoolean }, Toy> = {
  name: 'toy_wait',
  title: 'Wait',
  description: 'Waits until stopped.',
  inputSchema: {},
  outputSchema: { done: z.boolean().describe('Never.') },
  annotations: {},
  handler: (_args, ctx) =>
    new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new VaiderError('CANCELLED', 'Stopped.')), { once: true })),
};

let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function connect(shutdown = new AbortController().signal) {
  const server = new McpServer({ name: 'toy', version: '1.0.0' });
  for (const tool of [greet, waits]) registerTool(server, tool, { app: { greeting: 'Hello' }, shutdown });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'toy-client', version: '1.0.0' });
  await client.connect(clientSide);
  closers.push(() => client.close(), () => server.close());
  return client;
}

describe('the MCP adapter, without the application', () => {
  it('calls a tool with its context, returns structured content and a summary, and reports progress', async () => {
    const client = await connect();
    const progress: number[] = [];
    const result = (await client.callTool({ name: 'toy_greet', arguments: { name: 'Ada' } }, CallToolResultSchema, {
      onprogress: (p) => progress.push(p.progress),
    })) as CallToolResult;
    expect(result.structuredContent).toEqual({ text: 'Hello, Ada' });
    expect(result.content).toEqual([{ type: 'text', text: 'Greeted Ada.' }]);
    expect(progress).toEqual([25, 50, 100]);
  });

  it('turns a VaiderError into an error result with its stable code', async () => {
    const client = await connect();
    const result = (await client.callTool({ name: 'toy_greet', arguments: { name: 'Bob', fail: true } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([{ type: 'text', text: 'BAD_ARGUMENT: No greeting for Bob.' }]);
    expect(result._meta).toEqual({ 'vaider/error': { code: 'BAD_ARGUMENT', details: { name: 'Bob' } } });
  });

  it('stops a call in flight when the server shuts down', async () => {
    const shutdown = new AbortController();
    const client = await connect(shutdown.signal);
    const pending = client.callTool({ name: 'toy_wait', arguments: {} });
    setTimeout(() => shutdown.abort(), 20);
    const result = (await pending) as CallToolResult;
    expect(result.content).toEqual([{ type: 'text', text: 'CANCELLED: Stopped.' }]);
  });
});
