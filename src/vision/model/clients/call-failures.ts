import { ModelCallError } from '../model-client.js';

/** 429 and server errors pass; bad keys, missing models and bad requests fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function statusFailure(provider: string, status: number, detail: string, cause: unknown): ModelCallError {
  return new ModelCallError(`${provider} answered HTTP ${status}: ${detail}`, provider, isRetryableStatus(status), status, { cause });
}

const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** The `code`s along an error's cause chain: undici hides the socket's error a level or two down. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if ('code' in current && typeof current.code === 'string') codes.push(current.code);
  }
  return codes;
}

/**
 * Dropped connections surface from undici as a bare TypeError ("fetch failed", "terminated") whose
 * cause chain holds the socket error; a programming error's TypeError has neither.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated')) return true;
  return errorCodes(error).some((code) => CONNECTION_CODES.has(code));
}

/**
 * Failures below HTTP status: a body that is not JSON (a proxy's error page, a cut stream) or a dropped
 * connection are worth retrying; anything else is reported as it is and not retried.
 */
export function transportFailure(provider: string, error: unknown): ModelCallError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SyntaxError) {
    return new ModelCallError(`${provider} sent a response body that is not valid JSON: ${message}`, provider, true, undefined, { cause: error });
  }
  if (isConnectionFailure(error)) {
    return new ModelCallError(`${provider} connection failed: ${message}`, provider, true, undefined, { cause: error });
  }
  return new ModelCallError(`${provider} call failed: ${message}`, provider, false, undefined, { cause: error });
}
