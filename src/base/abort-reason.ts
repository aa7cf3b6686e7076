import { VaiderError } from './errors.js';

/**
 * What an aborted operation rejects with: the signal's own reason when it is an Error (a timeout's
 * VaiderError, say), so callers see what they aborted with; otherwise CANCELLED.
 */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new VaiderError('CANCELLED', 'The operation was cancelled.', { reason: String(signal.reason) });
}
