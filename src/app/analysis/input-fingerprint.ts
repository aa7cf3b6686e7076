import type { FileFingerprint } from '../../base/file-fingerprint.js';
import { fingerprintFile } from '../../base/file-fingerprint.js';
import { analysisDeadline } from './analysis-deadline.js';

/**
 * An input's fingerprint, under a deadline of analysis_timeout_seconds and the caller's signal: a slow
 * disk cannot hold a request past its budget, and a client that hung up stops the reading. It comes
 * before the analysis's own deadline starts, since it decides whether there is an analysis at all.
 */
export async function fingerprintInput(
  file: string,
  timeoutSeconds: number,
  signal: AbortSignal | undefined,
  known?: FileFingerprint,
): Promise<FileFingerprint> {
  const deadline = analysisDeadline(timeoutSeconds, signal);
  try {
    return await fingerprintFile(file, { signal: deadline.signal, known });
  } finally {
    deadline.dispose();
  }
}
