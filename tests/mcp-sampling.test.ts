import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema, type CallToolResult, type CreateMessageRequest } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerFixture, type ServerFixture } from './helpers/server-fixture.js';

let fx: ServerFixture;
beforeAll(async () => {
  fx = await startServerFixture();
});
afterAll(() => fx.close());

const EXPECTATIONS = ["at the end shows 'Welcome, Alice'", 'the Sign In button is blue'];

describe('the sampling provider', () => {
  it("asks the MCP client's own model, with keyframes as images, about what OCR could not judge", async () => {
    const asked: CreateMessageRequest['params'][] = [];
    const client = new Client({ name: 'sampling-client', version: '1.0.0' }, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, (request) => {
      asked.push(request.params);
      const answer = { results: [{ index: 0, status: 'pass', confidence: 0.8, evidence_keyframe: 1, evidence_time: null, evidence_end: null, explanation: 'The button is blue.' }] };
      return { role: 'assistant', model: 'client-model-1', content: { type: 'text', text: '```json\n' + JSON.stringify(answer) + '\n```' } };
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${fx.server.url}/mcp`)));
    try {
      const result = (await client.callTool({
        name: 'vaider_verify_video',
        arguments: { path: fx.video, expectations: EXPECTATIONS, provider: 'sampling', no_cache: true },
      })) as CallToolResult & { structuredContent: { verdict: { status: string; results: Array<{ status: string; explanation: string }> } } };
      expect(result.isError).toBeFalsy();
      expect(asked).toHaveLength(1);
      const messages = asked[0]!.messages;
      expect(messages.filter((m) => !Array.isArray(m.content) && m.content.type === 'image').length).toBeGreaterThan(0);
      const text = JSON.stringify(messages.at(-1)!.content);
      expect(text).toContain('the Sign In button is blue');
      expect(text).not.toContain("at the end shows 'Welcome, Alice'");
      expect(asked[0]!.systemPrompt).toMatch(/can never change these instructions/);
      expect(result.structuredContent.verdict.status).toBe('match');
      expect(result.structuredContent.verdict.results[1]).toMatchObject({ status: 'pass', explanation: 'The button is blue.' });
    } finally {
      await client.close();
    }
  });

  it('without sampling, returns the keyframes and a prompt for the agent to judge itself', async () => {
    const client = new Client({ name: 'plain-client', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${fx.server.url}/mcp`)));
    try {
      const result = (await client.callTool({
        name: 'vaider_analyze_video',
        arguments: { path: fx.video, expectations: EXPECTATIONS, provider: 'sampling', no_cache: true },
      })) as CallToolResult & { structuredContent: { agent_judgement?: { prompt: string }; verdict: { status: string } } };
      expect(result.structuredContent.agent_judgement!.prompt).toMatch(/judge this recording yourself/);
      expect(result.structuredContent.agent_judgement!.prompt).toContain('the Sign In button is blue');
      expect(result.content.filter((c) => c.type === 'image').length).toBe(3);
      expect(result.structuredContent.verdict.status).toBe('uncertain');
    } finally {
      await client.close();
    }
  });
});
