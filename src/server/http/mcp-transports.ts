import { randomUUID } from 'node:crypto';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Express, Request, Response } from 'express';
import { createMcpServer, type SessionServer } from '../mcp/create-mcp-server.js';
import type { Vaider } from '../../app/vaider.js';
import { toVaiderError } from '../../base/errors.js';
import { httpStatusFor } from '../rest/http-status.js';
import { reportRequestActivity } from './request-activity.js';
import { createSessionTable, type SessionLimits } from './session-table.js';

type Transport = StreamableHTTPServerTransport | SSEServerTransport;

export interface McpTransports {
  /** Sessions open now, of both transports. */
  readonly sessions: number;
  /** Closes every session. */
  close(): Promise<void>;
}

function jsonRpcError(res: Response, status: number, message: string, id: unknown = null, data?: Record<string, unknown>): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code: -32000, message, ...(data && { data }) }, id });
}

/** A refused session gets the Vaider code in its message, as tool errors do, and in `data`. */
function refuse(res: Response, thrown: unknown, requestId: unknown): void {
  const error = toVaiderError(thrown);
  if (res.headersSent) return void res.end();
  jsonRpcError(res, httpStatusFor(error.code), `${error.code}: ${error.message}`, requestId, { code: error.code, ...error.details });
}

/**
 * Streamable HTTP at /mcp (sessions keyed by Mcp-Session-Id) and the legacy SSE pair, GET /sse plus
 * POST /messages?sessionId=, for older clients. Both share one table of sessions, capped and expired
 * when idle (server.max_sessions, server.session_idle_seconds).
 */
export function mountMcpTransports(http: Express, app: Vaider, shutdown: AbortSignal, limits: SessionLimits): McpTransports {
  const sessions = createSessionTable<Transport>(limits);

  /** Admits `transport` under `id` and connects a new McpServer to it; the transport's close ends the session. */
  const connect = async (id: string, transport: Transport) => {
    sessions.open(id, transport);
    const session: SessionServer = createMcpServer(app, shutdown);
    transport.onclose = () => {
      sessions.remove(id);
      session.dispose();
    };
    try {
      await session.server.connect(transport);
    } catch (error) {
      await transport.close();
      throw error;
    }
    reportRequestActivity(transport, { begin: (requestId) => sessions.begin(id, requestId), end: (requestId) => sessions.end(id, requestId) });
  };

  const streamableHttp = async (req: Request, res: Response) => {
    const id = req.headers['mcp-session-id'];
    const existing = typeof id === 'string' ? sessions.get(id) : undefined;
    if (existing) {
      if (!(existing instanceof StreamableHTTPServerTransport)) return jsonRpcError(res, 400, 'This session uses the SSE transport: POST to /messages.');
      await existing.handleRequest(req, res, req.body);
      return;
    }
    if (typeof id === 'string') return jsonRpcError(res, 404, 'Session not found; initialize a new one.');
    if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
      return jsonRpcError(res, 400, 'No session: the first request must be initialize, without an Mcp-Session-Id.');
    }
    // The id is chosen here, not by the transport, so the session holds its place in the table
    // from the start and a burst of initializations cannot overshoot the cap.
    const sessionId = randomUUID();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
    try {
      await connect(sessionId, transport);
    } catch (error) {
      return refuse(res, error, (req.body as { id?: unknown }).id);
    }
    try {
      await transport.handleRequest(req, res, req.body);
    } finally {
      sessions.ready(sessionId);
      // An initialize the transport refused leaves no session behind.
      if (transport.sessionId === undefined) await transport.close();
    }
  };

  http.all('/mcp', streamableHttp);
  // Clients configured with the bare URL ("url": "http://localhost:3456", as many setups show) speak
  // Streamable HTTP to the root; a browser asking for a page is passed on to what serves pages.
  http.all('/', (req, res, next) => {
    const browser = req.method === 'GET' && req.headers['mcp-session-id'] === undefined && req.accepts(['text/event-stream', 'text/html']) === 'text/html';
    if (browser) next();
    else streamableHttp(req, res).catch(next);
  });

  http.get('/sse', async (_req, res) => {
    const transport = new SSEServerTransport('/messages', res);
    res.on('close', () => void transport.close());
    try {
      await connect(transport.sessionId, transport);
    } catch (error) {
      return refuse(res, error, null);
    }
    sessions.ready(transport.sessionId);
  });

  http.post('/messages', async (req, res) => {
    const transport = sessions.get(String(req.query.sessionId ?? ''));
    if (!(transport instanceof SSEServerTransport)) return jsonRpcError(res, 404, 'Unknown SSE session.');
    await transport.handlePostMessage(req, res, req.body);
  });

  return {
    get sessions() {
      return sessions.size;
    },
    close: () => sessions.closeAll(),
  };
}
