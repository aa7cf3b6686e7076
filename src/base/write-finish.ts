import { stat } from 'node:fs/promises';
import { VaiderError } from './errors.js';

/**
 * The one rule for when a file someone is writing (an encoder, Playwright copying a video) is done:
 * its size and modification time held still for `stableMs`. The watcher and the Playwright reporter
 * both wait by it.
 */

export interface WriteFinishOptions {
  /** Unchanged size and mtime for this long means the writer is done. */
  stableMs: number;
  pollMs: number;
  /** A file still changing after this long is reported (once), and still tracked. */
  slowWriteMs: number;
  /** Wait for a file that does not exist yet, or is still empty, instead of forgetting or passing it. */
  waitForContent?: boolean;
}

export interface WriteFinishEvents {
  onReady(file: string): void;
  onStillWriting(file: string, elapsedMs: number): void;
}

interface Tracked {
  firstSeen: number;
  lastChange: number;
  size: number;
  mtimeMs: number;
  reported: boolean;
}

/**
 * Decides when a file being written is finished: its size and mtime held still for stableMs. A video
 * still growing is never handed on half-written; one that keeps growing past slowWriteMs is reported,
 * not dropped, and handed on when it finally settles.
 */
export class WriteFinishTracker {
  private readonly tracked = new Map<string, Tracked>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly options: WriteFinishOptions,
    private readonly events: WriteFinishEvents,
  ) {}

  touch(file: string): void {
    const now = Date.now();
    const entry = this.tracked.get(file);
    if (entry) entry.lastChange = now;
    else this.tracked.set(file, { firstSeen: now, lastChange: now, size: -1, mtimeMs: -1, reported: false });
    this.timer ??= setInterval(() => void this.poll(), this.options.pollMs);
  }

  get pending(): number {
    return this.tracked.size;
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.tracked.clear();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const now = Date.now();
      for (const [file, entry] of this.tracked) {
        const info = await stat(file).catch(() => undefined);
        if (!info && !this.options.waitForContent) {
          this.tracked.delete(file);
          continue;
        }
        if (info && (info.size !== entry.size || info.mtimeMs !== entry.mtimeMs)) {
          entry.size = info.size;
          entry.mtimeMs = info.mtimeMs;
          entry.lastChange = now;
        }
        const hasContent = info !== undefined && (info.size > 0 || !this.options.waitForContent);
        if (hasContent && now - entry.lastChange >= this.options.stableMs) {
          this.tracked.delete(file);
          this.events.onReady(file);
        } else if (!entry.reported && now - entry.firstSeen >= this.options.slowWriteMs) {
          entry.reported = true;
          this.events.onStillWriting(file, now - entry.firstSeen);
        }
      }
      if (this.tracked.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    } finally {
      this.polling = false;
    }
  }
}

/**
 * Waits until `file` exists, is not empty and is done being written, or fails after `timeoutMs`:
 * Playwright copies a test's video into its output folder when the test's browser context closes.
 */
export function waitForWrittenFile(file: string, { stableMs = 200, timeoutMs = 10_000 } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const tracker: WriteFinishTracker = new WriteFinishTracker(
      { stableMs, pollMs: Math.min(100, stableMs), slowWriteMs: timeoutMs, waitForContent: true },
      {
        onReady: () => {
          tracker.close();
          resolve();
        },
        onStillWriting: async () => {
          tracker.close();
          const info = await stat(file).catch(() => undefined);
          reject(
            info
              ? new VaiderError('INPUT_EMPTY', `${file} was still empty or being written after ${timeoutMs / 1000} s.`, { path: file })
              : new VaiderError('INPUT_NOT_FOUND', `${file} did not appear within ${timeoutMs / 1000} s.`, { path: file }),
          );
        },
      },
    );
    tracker.touch(file);
  });
}
