import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { VaiderError } from '../../base/errors.js';
import { httpStatusFor } from '../rest/http-status.js';
import { sendError } from '../rest/send-error.js';

/**
 * What express raises before a route answers carries an HTTP status: body-parser's errors, and the
 * router's URIError for a malformed escape in a path parameter. Client mistakes become our codes;
 * anything else keeps its own.
 */
function fromExpress(error: unknown): unknown {
  const { type, status, statusCode, message } = error as { type?: string; status?: unknown; statusCode?: unknown; message?: string };
  if (type === 'entity.too.large') return new VaiderError('BODY_TOO_LARGE', 'The request body is too large (server.max_body_kb).');
  if (type === 'entity.parse.failed') return new VaiderError('BAD_ARGUMENT', 'The request body is not valid JSON.');
  if (error instanceof URIError) return new VaiderError('BAD_ARGUMENT', 'The URL has a malformed percent escape.');
  const httpStatus = status ?? statusCode;
  if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500) return new VaiderError('BAD_ARGUMENT', `Bad request: ${message ?? STATUS_CODES[httpStatus]}`);
  return error;
}

/**
 * The last handler of the app: every error becomes `{ "error": { "code", "message", "details" } }`,
 * so express's own handler, which answers HTML with a stack trace, is never reached.
 */
export function jsonErrorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  sendError(res, fromExpress(error));
}

function clientErrorFor(code: string | undefined): VaiderError {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new VaiderError('REQUEST_TIMEOUT', 'The request did not arrive in time (server.headers_timeout_seconds, server.request_timeout_seconds).');
  }
  if (code === 'HPE_HEADER_OVERFLOW') return new VaiderError('BAD_ARGUMENT', 'The request headers are too large.');
  return new VaiderError('BAD_ARGUMENT', 'The request is not valid HTTP.');
}

/**
 * The server's `clientError` listener: a request Node could not read (timed out, malformed, headers
 * too large) is answered in JSON too, where Node would answer plain text, and the connection closed.
 * Like Node, it writes nothing once an answer on this connection has begun.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const { code, message } = clientErrorFor(error.code);
  const status = httpStatusFor(code);
  const body = JSON.stringify({ error: { code, message, details: {} } });
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, 'Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}
