import type { Response } from 'express';
import { toVaiderError } from '../../base/errors.js';
import { redactSecrets } from '../../base/redact-secrets.js';
import { httpStatusFor } from './http-status.js';

/** The one catch of the HTTP front end: `{ "error": { "code", "message", "details" } }` with the matching status. */
export function sendError(res: Response, thrown: unknown): void {
  const error = toVaiderError(thrown);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(httpStatusFor(error.code)).json(redactSecrets({ error: { code: error.code, message: error.message, details: error.details } }));
}
