import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CreateMessageResultSchema, type CallToolResult, type ServerNotification, type ServerRequest, type ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { SamplingFunction } from '../../app/analysis/analysis-types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { z } from 'zod';
import { toVaiderError } from '../../errors.js';
import type { ServerApp } from '../server-app.js';

export interface ToolContext {
  app: ServerApp;
  /** The client's own model through sampling/createMessage, when the client offers sampling. */
  sampling: SamplingFunction | undefined;
  /** Aborted when the client cancels the call or the session closes. */
  signal: AbortSignal;
  /** Sends a progress notification when the client asked for them (a progressToken); otherwise nothing. */
  progress(fraction: number, message: string): void;
}

export interface ToolOutput<O> {
  structured: O;
  /** A short text summary for clients that show text only. */
  summary: string;
  /** Extra content, such as images, only for tools that are asked for them. */
  content?: CallToolResult['content'];
}

/** A tool as data: one flat list of these is the server's whole tool surface. */
export interface ToolDefinition<I extends z.ZodRawShape, O extends z.ZodRawShape> {
  name: `vaider_${string}`;
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotations;
  handler(args: z.infer<z.ZodObject<I>>, ctx: ToolContext): Promise<ToolOutput<z.infer<z.ZodObject<O>>>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous list of tools
export type AnyToolDefinition = ToolDefinition<any, any>;

export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(tool: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return tool;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

function progressSender(extra: Extra): ToolContext['progress'] {
  const token = extra._meta?.progressToken;
  if (token === undefined) return () => undefined;
  let last = -1;
  return (fraction, message) => {
    const progress = Math.round(fraction * 100);
    if (progress <= last) return;
    last = progress;
    extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total: 100, message } })
      .catch(() => undefined);
  };
}

/** Sampling requests sent back to the client within the tool call that needs them. */
function samplingThrough(extra: Extra): SamplingFunction {
  return async (request) => {
    const result = await extra.sendRequest(
      {
        method: 'sampling/createMessage',
        params: {
          systemPrompt: request.systemPrompt,
          messages: request.messages,
          temperature: request.temperature,
          maxTokens: request.maxTokens,
          includeContext: 'none',
        },
      },
      CreateMessageResultSchema,
      { signal: request.signal },
    );
    const content = Array.isArray(result.content) ? result.content : [result.content];
    const text = content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    return { text, model: result.model };
  };
}

/**
 * The one catch of the MCP front end: a VaiderError becomes an isError result whose text starts with
 * its stable code (and whose _meta carries code and details), so an agent can act on it.
 */
export function registerTool(server: McpServer, app: ServerApp, tool: AnyToolDefinition): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations,
    },
    async (args: unknown, extra: Extra): Promise<CallToolResult> => {
      try {
        const signal = AbortSignal.any([extra.signal, app.shutdown]);
        const sampling = server.server.getClientCapabilities()?.sampling ? samplingThrough(extra) : undefined;
        const output = await tool.handler(args as Record<string, unknown>, { app, signal, sampling, progress: progressSender(extra) });
        return {
          structuredContent: output.structured as Record<string, unknown>,
          content: [{ type: 'text', text: output.summary }, ...(output.content ?? [])],
        };
      } catch (thrown) {
        const error = toVaiderError(thrown);
        // Not structuredContent: clients check it against the success schema even on errors.
        return {
          isError: true,
          content: [{ type: 'text', text: `${error.code}: ${error.message}` }],
          _meta: { 'vaider/error': { code: error.code, details: error.details } },
        };
      }
    },
  );
}
