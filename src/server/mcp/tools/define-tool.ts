import type { z } from 'zod';
import type { ServerApp } from '../../server-app.js';
import type { AnyToolDefinition, ToolContext, ToolDefinition } from '../adapter/tool-definition.js';

/** Where MCP meets the application: Vaider's tools act on the server's application. */
export type VaiderToolContext = ToolContext<ServerApp>;
export type VaiderTool = AnyToolDefinition<ServerApp>;

export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  tool: ToolDefinition<I, O, ServerApp> & { name: `vaider_${string}` },
): ToolDefinition<I, O, ServerApp> {
  return tool;
}
