import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import express, { type Request, type Response } from 'express';
import type { Vaider } from '../app/vaider.js';
import { VaiderError } from '../base/errors.js';
import { answerClientError, jsonErrorHandler } from './http/json-errors.js';
import { mountMcpTransports } from './http/mcp-transports.js';
import { portInUse } from './http/port-in-use.js';
import { bearerTokenGuard, hostAndOriginGuard, isLoopback } from './http/request-guards.js';
import { restRoutes } from './rest/rest-routes.js';
import { sendError } from './rest/send-error.js';
import { viewerRoutes } from './viewer/viewer-routes.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface ServerOptions {
  vaider: Vaider;
  /** The limits, and host, port and body size unless given here, come from `server` in the rules. */
  host?: string;
  port?: number;
  /** Required for any bind but loopback; sent by clients as a bearer token. */
  token?: string;
  maxBodyKb?: number;
}

export interface ServerHandle {
  /** e.g. http://127.0.0.1:3456 */
  url: string;
  host: string;
  port: number;
  /** MCP sessions open now (Streamable HTTP and SSE), never more than server.max_sessions. */
  sessions(): number;
  /** Closes every session, stops analyses in flight (and their ffmpeg), and stops listening. */
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function exposedWithoutToken(host: string): VaiderError {
  return new VaiderError('CONFIG_INVALID', `Binding to ${host} exposes Vaider beyond this machine; set VAIDER_TOKEN to require a bearer token.`, { host });
}

/**
 * Slow clients cannot hold connections: headers and the whole request must arrive in time. Node
 * checks these on an interval (30 s by default), which would outlast a short timeout.
 */
function createLimitedServer(http: express.Express, headersTimeoutS: number, requestTimeoutS: number): Server {
  const headersTimeout = Math.round(headersTimeoutS * 1000);
  const requestTimeout = Math.max(headersTimeout, Math.round(requestTimeoutS * 1000));
  const server = createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, Math.max(10, headersTimeout / 4)) }, http);
  server.on('clientError', answerClientError);
  return server;
}

/**
 * The MCP server (Streamable HTTP at /mcp, SSE at /sse + /messages) and the REST API (/v1/…) on one
 * port. Nothing listens until this is called; it resolves once listening.
 */
export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  const { vaider, token } = options;
  const rules = vaider.config.rules.server;
  const { host = rules.host, port = rules.port, maxBodyKb = rules.max_body_kb } = options;
  if (!isLoopback(host) && !token) throw exposedWithoutToken(host);
  const shutdown = new AbortController();

  const http = express();
  http.disable('x-powered-by');
  http.use(hostAndOriginGuard(host));
  http.use(bearerTokenGuard(token));
  http.use(express.json({ limit: maxBodyKb * 1024 }));
  // The routes are mounted before the transports; health asks for the session count only when called.
  http.use(restRoutes(vaider, { version, shutdown: shutdown.signal, sessions: () => mcp.sessions }));
  const mcp = mountMcpTransports(http, vaider, shutdown.signal, { maxSessions: rules.max_sessions, idleMs: rules.session_idle_seconds * 1000 });
  // After the transports: a browser's GET / falls through the MCP endpoint to the viewer's page.
  http.use(viewerRoutes(vaider, shutdown.signal));
  http.use((_req: Request, res: Response) => sendError(res, new VaiderError('ROUTE_NOT_FOUND', 'No such route: see / (the viewer, in a browser), /v1/health, /v1/analyze, /v1/runs, /mcp (or /), /sse.')));
  http.use(jsonErrorHandler);

  const server = createLimitedServer(http, rules.headers_timeout_seconds, rules.request_timeout_seconds);
  const address = await listen(server, host, port).catch(async (error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? await portInUse(host, port, error) : error;
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shutdown.abort(new VaiderError('CANCELLED', 'The server is shutting down.'));
      await mcp.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    })();
    return closing;
  };
  // `localhost` is trusted by name; where it resolved to is checked here.
  if (!isLoopback(address.address) && !token) {
    await close();
    throw exposedWithoutToken(host);
  }
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    host: address.address,
    port: address.port,
    sessions: () => mcp.sessions,
    close,
  };
}
