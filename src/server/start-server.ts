import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Vaider } from '../app/vaider.js';
import { VaiderError } from '../base/errors.js';
import { mountMcpTransports } from './http/mcp-transports.js';
import { bearerTokenGuard, hostAndOriginGuard, isLoopback } from './http/request-guards.js';
import { restRoutes } from './rest/rest-routes.js';
import { sendError } from './rest/send-error.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface ServerOptions {
  vaider: Vaider;
  host: string;
  port: number;
  /** Required for any bind but loopback; sent by clients as a bearer token. */
  token?: string;
  maxBodyKb: number;
}

export interface ServerHandle {
  /** e.g. http://127.0.0.1:3456 */
  url: string;
  host: string;
  port: number;
  /** Closes every session, stops analyses in flight (and their ffmpeg), and stops listening. */
  close(): Promise<void>;
}

/** Body-parser errors carry an HTTP `type`; they become our codes. */
function bodyErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return sendError(res, new VaiderError('BODY_TOO_LARGE', 'The request body is too large (server.max_body_kb).'));
  if (type === 'entity.parse.failed') return sendError(res, new VaiderError('BAD_ARGUMENT', 'The request body is not valid JSON.'));
  if (error) return sendError(res, error);
  next();
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

/**
 * The MCP server (Streamable HTTP at /mcp, SSE at /sse + /messages) and the REST API (/v1/…) on one
 * port. Nothing listens until this is called; it resolves once listening.
 */
export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  const { host, port, token, maxBodyKb } = options;
  if (!isLoopback(host) && !token) {
    throw new VaiderError('CONFIG_INVALID', `Binding to ${host} exposes Vaider beyond this machine; set VAIDER_TOKEN to require a bearer token.`, {
      host,
    });
  }
  const shutdown = new AbortController();
  const { vaider } = options;

  const http = express();
  http.disable('x-powered-by');
  http.use(hostAndOriginGuard(host));
  http.use(bearerTokenGuard(token));
  http.use(express.json({ limit: maxBodyKb * 1024 }));
  http.use(bodyErrorHandler);
  http.use(restRoutes(vaider, { version, shutdown: shutdown.signal }));
  const closeSessions = mountMcpTransports(http, vaider, shutdown.signal);
  http.use((_req: Request, res: Response) => sendError(res, new VaiderError('ROUTE_NOT_FOUND', 'No such route: see /v1/health, /v1/analyze, /v1/runs, /mcp, /sse.')));

  const server = createServer(http);
  const address = await listen(server, host, port);
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    host: address.address,
    port: address.port,
    close() {
      closing ??= (async () => {
        shutdown.abort(new VaiderError('CANCELLED', 'The server is shutting down.'));
        await closeSessions();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
