import type { Request, Response } from 'express';
import type { z } from 'zod';
import { VaiderError } from '../../base/errors.js';
import { redactSecrets } from '../../base/redact-secrets.js';
import { sendError } from './send-error.js';

export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new VaiderError('BAD_ARGUMENT', `${what}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`, {
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

/** An aborted request (the client hung up) cancels its analysis. */
export function requestSignal(req: Request, res: Response, server: AbortSignal): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return AbortSignal.any([controller.signal, server]);
}

type Handler = (req: Request, res: Response) => Promise<unknown> | unknown;

/** Every result leaves redacted, as errors do (send-error.ts): runs carry screen text and paths. */
export const json = (handler: Handler) => async (req: Request, res: Response) => {
  try {
    res.json(redactSecrets(await handler(req, res)));
  } catch (error) {
    sendError(res, error);
  }
};

