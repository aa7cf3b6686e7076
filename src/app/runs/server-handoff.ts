import { request as httpRequest } from 'node:http';
import { isErrorCode, VaiderError, type ErrorCode } from '../../base/errors.js';
import type { ResultSummary } from '../analysis/result-summary.js';
import type { ProviderId } from '../../config/schema.js';

/** What the CLI or the Playwright reporter asks a running `vaider serve` to analyze (POST /v1/analyze). */
export interface HandoffRequest {
  path: string;
  /** Absent: the server finds the input's own expectations, as it would for itself. */
  expectations?: string[];
  provider?: ProviderId;
  keyframes?: number;
  drift?: boolean;
  no_cache?: boolean;
  requested_by: 'cli' | 'playwright';
}

export type ServerRun = ResultSummary & { run_id: string; cached: boolean };

interface Answer {
  status: number;
  body: unknown;
}

/**
 * node:http rather than fetch: undici gives up on a response after 300 s without headers, and the
 * server answers an analysis only when it is done, which for a long video takes longer than that.
 */
function postJson(url: URL, payload: unknown, token: string | undefined): Promise<Answer> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token && { authorization: `Bearer ${token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch {
            reject(new VaiderError('INTERNAL', `The server at ${url.origin} answered HTTP ${res.statusCode} with something that is not JSON.`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The server went away between finding it and asking it: the caller then analyzes in-process. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

/**
 * Hands one analysis to the project's running server, which has warm workers and owns the run store,
 * and returns its recorded run; undefined when the server cannot be reached, so the caller falls back.
 * Errors the server reports (a bad path, a timeout) are the analysis's errors, thrown as they came.
 */
export async function analyzeOnServer(serverUrl: string, request: HandoffRequest, token: string | undefined): Promise<ServerRun | undefined> {
  let answer: Answer;
  try {
    answer = await postJson(new URL('/v1/analyze', serverUrl), request, token);
  } catch (error) {
    if (UNREACHABLE.has((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
  if (answer.status === 200) return answer.body as ServerRun;
  const reported = (answer.body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } }).error;
  const code: ErrorCode = isErrorCode(reported?.code) ? reported.code : 'INTERNAL';
  throw new VaiderError(
    code,
    reported?.message ?? `The server at ${serverUrl} answered HTTP ${answer.status}.`,
    reported?.details ?? {},
  );
}
