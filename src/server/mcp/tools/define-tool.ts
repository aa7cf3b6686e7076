import type { z } from 'zod';
import type { Vaider } from '../../../app/vaider.js';
import type { AnyToolDefinition, ToolContext, ToolDefinition } from '../adapter/tool-definition.js';

/** Where MCP meets the application: Vaider's tools act on the server's application. */
export type VaiderToolContext = ToolContext<Vaider>;
export type VaiderTool = AnyToolDefinition<Vaider>;

export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  tool: ToolDefinition<I, O, Vaider> & { name: `vaider_${string}` },
): ToolDefinition<I, O, Vaider> {
  return tool;
}
