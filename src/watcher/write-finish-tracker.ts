import { stat } from 'node:fs/promises';

export interface WriteFinishOptions {
  /** Unchanged size and mtime for this long means the writer is done. */
  stableMs: number;
  pollMs: number;
  /** A file still changing after this long is reported (once), and still tracked. */
  slowWriteMs: number;
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
        if (!info) {
          this.tracked.delete(file);
          continue;
        }
        if (info.size !== entry.size || info.mtimeMs !== entry.mtimeMs) {
          entry.size = info.size;
          entry.mtimeMs = info.mtimeMs;
          entry.lastChange = now;
        }
        if (now - entry.lastChange >= this.options.stableMs) {
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
