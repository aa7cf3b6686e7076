import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { redactText } from '../../../base/redact-secrets.js';

/**
 * Progress notifications for one tool call, when the client asked for them (a progressToken), in whole
 * percent and only forward: long work reports often, and the client needs no repeats. Messages name
 * files and screen text, so they are redacted like results.
 */
export function progressSender(extra: RequestHandlerExtra<ServerRequest, ServerNotification>): (fraction: number, message: string) => void {
  const token = extra._meta?.progressToken;
  if (token === undefined) return () => undefined;
  let last = -1;
  return (fraction, message) => {
    const progress = Math.round(fraction * 100);
    if (progress <= last) return;
    last = progress;
    extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total: 100, message: redactText(message) } })
      .catch(() => undefined);
  };
}
