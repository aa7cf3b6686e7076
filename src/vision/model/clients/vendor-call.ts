import { abortReason } from '../../../base/abort-reason.js';
import { ModelCallError } from '../model-client.js';

export interface VendorCall {
  provider: string;
  /** Deadline for the whole call, uploads and body included. */
  timeoutMs: number;
  /** The caller's signal: aborting it cancels the call rather than failing it. */
  signal?: AbortSignal;
  /** A credential that must never reach an error message (the API key). */
  secret?: string;
}

/**
 * Runs one vendor call so every client fails the same way: the caller's abort rejects with the
 * caller's reason (cancelling is not a failure to retry), running past the deadline is a retryable
 * timeout, and anything else goes through the client's own classification. Our own timer rather than
 * the SDKs' timeout options: some SDKs never clear theirs, which keeps a CLI process alive.
 */
export async function runVendorCall<T>(
  call: VendorCall,
  send: (signal: AbortSignal) => Promise<T>,
  classify: (error: unknown) => ModelCallError,
): Promise<T> {
  const callerSignal = call.signal;
  if (callerSignal?.aborted) throw abortReason(callerSignal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, call.timeoutMs);
  const forwardAbort = (): void => controller.abort();
  callerSignal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    return await send(controller.signal);
  } catch (error) {
    if (callerSignal?.aborted) throw abortReason(callerSignal);
    if (timedOut) {
      throw new ModelCallError(`${call.provider} did not answer within ${call.timeoutMs} ms`, call.provider, true, undefined, {
        cause: error,
      });
    }
    const failure = error instanceof ModelCallError ? error : classify(error);
    throw call.secret ? withoutSecret(failure, call.secret) : failure;
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * Some servers echo the key they rejected. Error messages end up in logs and run folders, so the key
 * is masked in the message and a cause that carries it is dropped.
 */
function withoutSecret(failure: ModelCallError, secret: string): ModelCallError {
  const causeText = failure.cause instanceof Error ? failure.cause.message : String(failure.cause ?? '');
  if (!failure.message.includes(secret) && !causeText.includes(secret)) return failure;
  const message = failure.message.replaceAll(secret, '***');
  return new ModelCallError(message, failure.provider, failure.retryable, failure.status);
}
