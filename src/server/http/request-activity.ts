import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

export interface RequestActivity {
  begin(requestId: RequestId): void;
  end(requestId: RequestId): void;
}

type Fields = Partial<Record<'id' | 'method' | 'result' | 'error' | 'params', unknown>>;

/**
 * Reports the client's requests as they start and as they are answered, whatever the transport: over
 * legacy SSE the HTTP request of a call ends before its answer is sent, so only the JSON-RPC
 * messages tell whether a session is busy. Call after `server.connect(transport)`, which sets the
 * handler this wraps. A cancelled request gets no answer, so its cancellation ends it.
 */
export function reportRequestActivity(transport: Transport, activity: RequestActivity): void {
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const m = message as Fields;
    if (typeof m.method === 'string' && m.id !== undefined) activity.begin(m.id as RequestId);
    const cancelled = m.method === 'notifications/cancelled' ? (m.params as { requestId?: RequestId } | undefined)?.requestId : undefined;
    if (cancelled !== undefined) activity.end(cancelled);
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = (message: JSONRPCMessage, options) => {
    const m = message as Fields;
    if (m.id !== undefined && m.method === undefined && ('result' in m || 'error' in m)) activity.end(m.id as RequestId);
    return send(message, options);
  };
}
