import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Vaider } from '../app/vaider.js';
import { VaiderError } from '../base/errors.js';
import { createMcpServer } from './mcp/create-mcp-server.js';

/** MCP over stdin/stdout, for clients that launch their servers themselves. stdout is the protocol: nothing else may print there. */
export async function startStdioServer(vaider: Vaider): Promise<{ closed: Promise<void>; close(): Promise<void> }> {
  const shutdown = new AbortController();
  const session = createMcpServer(vaider, shutdown.signal);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  await session.server.connect(transport);
  return {
    closed,
    async close() {
      shutdown.abort(new VaiderError('CANCELLED', 'The server is shutting down.'));
      session.dispose();
      await session.server.close();
    },
  };
}
