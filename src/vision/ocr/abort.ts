import { VaiderError } from '../../errors.js';

/** What an aborted OCR call rejects with: the signal's own reason, so callers see what they aborted with. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new VaiderError('CANCELLED', 'The OCR was cancelled.', { reason: signal.reason });
}
