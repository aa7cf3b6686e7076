import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { toVaiderError } from '../../../base/errors.js';
import { redactSecrets } from '../../../base/redact-secrets.js';
import { progressSender } from './progress.js';
import { samplingThrough, type Sampling } from './sampling.js';

/**
 * Tools as data, and their registration on an McpServer: the generic half of the MCP front end. It
 * knows the protocol (progress, sampling, cancellation, errors as results) and nothing of Vaider's
 * application, which reaches a tool only as the context `C` the server passes in.
 */

export interface ToolContext<C> {
  /** What the tools act on: for Vaider, the application. */
  app: C;
  /** The client's own model through sampling/createMessage, when the client offers sampling. */
  sampling: Sampling | undefined;
  /** Aborted when the client cancels the call, the session closes or the server shuts down. */
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

/** A tool as data: one flat list of these is a server's whole tool surface. */
export interface ToolDefinition<I extends z.ZodRawShape, O extends z.ZodRawShape, C> {
  name: string;
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotations;
  handler(args: z.infer<z.ZodObject<I>>, ctx: ToolContext<C>): Promise<ToolOutput<z.infer<z.ZodObject<O>>>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous list of tools
export type AnyToolDefinition<C> = ToolDefinition<any, any, C>;

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface ToolRegistration<C> {
  app: C;
  /** Aborted when the server shuts down: every call in flight stops. */
  shutdown: AbortSignal;
}

/**
 * The one catch of an MCP front end: a VaiderError becomes an isError result whose text starts with
 * its stable code (and whose _meta carries code and details), so an agent can act on it. Every result
 * and error leaves through redaction here, once for every tool: screen text, paths and messages can
 * carry secrets. Images are pixels and pass as they are.
 */
export function registerTool<C>(server: McpServer, tool: AnyToolDefinition<C>, { app, shutdown }: ToolRegistration<C>): void {
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
        const signal = AbortSignal.any([extra.signal, shutdown]);
        const sampling = server.server.getClientCapabilities()?.sampling ? samplingThrough(extra) : undefined;
        const output = await tool.handler(args as Record<string, unknown>, { app, signal, sampling, progress: progressSender(extra) });
        // One document, so a secret found in one field is masked in the summary and the others too.
        const texts = (output.content ?? []).map((c) => (c.type === 'text' ? c.text : ''));
        const safe = redactSecrets({ structured: output.structured as Record<string, unknown>, summary: output.summary, texts });
        return {
          structuredContent: safe.structured,
          content: [{ type: 'text', text: safe.summary }, ...(output.content ?? []).map((c, i) => (c.type === 'text' ? { ...c, text: safe.texts[i]! } : c))],
        };
      } catch (thrown) {
        const error = toVaiderError(thrown);
        const safe = redactSecrets({ text: `${error.code}: ${error.message}`, details: error.details });
        // Not structuredContent: clients check it against the success schema even on errors.
        return {
          isError: true,
          content: [{ type: 'text', text: safe.text }],
          _meta: { 'vaider/error': { code: error.code, details: safe.details } },
        };
      }
    },
  );
}
