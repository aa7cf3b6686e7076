import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { VaiderError } from '../errors.js';

const POLL_MS = 100;

/**
 * Playwright finishes a video when the test's browser context closes and copies it into the test's
 * output folder. Waits (at most `timeoutMs`) until the file exists, is not empty, and its size and
 * modification time hold still between two looks, so a video still being written is not analysed.
 */
export async function waitForCompleteFile(file: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previous: string | undefined;
  for (;;) {
    const info = await stat(file).catch(() => undefined);
    const current = info && info.size > 0 ? `${info.size}:${info.mtimeMs}` : undefined;
    if (current && current === previous) return;
    if (Date.now() >= deadline) {
      throw info
        ? new VaiderError('INPUT_EMPTY', `${file} was still empty or being written after ${timeoutMs / 1000} s.`, { path: file })
        : new VaiderError('INPUT_NOT_FOUND', `${file} did not appear within ${timeoutMs / 1000} s.`, { path: file });
    }
    previous = current;
    await sleep(POLL_MS);
  }
}
