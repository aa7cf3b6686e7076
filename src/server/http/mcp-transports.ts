import { randomUUID } from 'node:crypto';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Express, Response } from 'express';
import { createMcpServer, type SessionServer } from '../mcp/create-mcp-server.js';
import type { Vaider } from '../../app/vaider.js';

interface Session extends SessionServer {
  transport: { close(): Promise<void> };
}

function jsonRpcError(res: Response, status: number, message: string): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}

/**
 * Streamable HTTP at /mcp (sessions keyed by Mcp-Session-Id) and the legacy SSE pair, GET /sse plus
 * POST /messages?sessionId=, for older clients. Returns a function that closes every session.
 */
export function mountMcpTransports(http: Express, app: Vaider, shutdown: AbortSignal): () => Promise<void> {
  const sessions = new Map<string, Session>();
  const end = (id: string) => {
    const session = sessions.get(id);
    sessions.delete(id);
    session?.dispose();
  };

  http.all('/mcp', async (req, res) => {
    const id = req.headers['mcp-session-id'];
    const existing = typeof id === 'string' ? sessions.get(id) : undefined;
    if (existing) {
      await (existing.transport as StreamableHTTPServerTransport).handleRequest(req, res, req.body);
      return;
    }
    if (typeof id === 'string') return jsonRpcError(res, 404, 'Session not found; initialize a new one.');
    if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
      return jsonRpcError(res, 400, 'No session: the first request must be initialize, without an Mcp-Session-Id.');
    }
    const session = createMcpServer(app, shutdown);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => {
        sessions.set(sessionId, { ...session, transport });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) end(transport.sessionId);
    };
    await session.server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });

  http.get('/sse', async (_req, res) => {
    const transport = new SSEServerTransport('/messages', res);
    const session = createMcpServer(app, shutdown);
    sessions.set(transport.sessionId, { ...session, transport });
    res.on('close', () => end(transport.sessionId));
    await session.server.connect(transport);
  });

  http.post('/messages', async (req, res) => {
    const session = sessions.get(String(req.query.sessionId ?? ''));
    if (!session || !(session.transport instanceof SSEServerTransport)) return jsonRpcError(res, 404, 'Unknown SSE session.');
    await session.transport.handlePostMessage(req, res, req.body);
  });

  return async () => {
    const open = [...sessions.entries()];
    for (const [id] of open) end(id);
    await Promise.all(open.map(([, s]) => s.transport.close().catch(() => undefined)));
  };
}
