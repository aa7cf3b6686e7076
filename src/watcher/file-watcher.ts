import path from 'node:path';
import { watch } from 'chokidar';
import type { WatchPatterns } from './watch-patterns.js';
import { WriteFinishTracker } from '../base/write-finish.js';

export interface FileWatcherOptions {
  root: string;
  patterns: WatchPatterns;
  stableMs: number;
  /** A file still being written after this long is reported. */
  slowWriteMs: number;
  onFile(file: string): void;
  onStillWriting(file: string, elapsedMs: number): void;
  onError(error: unknown): void;
}

export interface FileWatcher {
  /** Resolves once the files already there have been found (they are then handed on as they settle). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * chokidar on the project root, pruned to the folders the patterns can reach, with write-finish
 * detection of our own (see WriteFinishTracker) instead of awaitWriteFinish, which never reports a
 * file that keeps growing.
 */
export function startFileWatcher(options: FileWatcherOptions): FileWatcher {
  const { root, patterns } = options;
  const relative = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const tracker = new WriteFinishTracker(
    { stableMs: options.stableMs, pollMs: Math.min(100, options.stableMs), slowWriteMs: options.slowWriteMs },
    { onReady: options.onFile, onStillWriting: options.onStillWriting },
  );
  const watcher = watch(root, {
    // Without stats chokidar is asking about a path it has not looked at yet: treat it as a folder,
    // which is pruned only when no pattern can be under it.
    ignored: (p, stats) => patterns.ignores(relative(p), stats ? stats.isDirectory() : true),
    ignoreInitial: false,
    persistent: true,
  });
  const touch = (p: string) => {
    if (patterns.matches(relative(p))) tracker.touch(p);
  };
  watcher.on('add', touch);
  watcher.on('change', touch);
  watcher.on('error', options.onError);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      tracker.close();
      await watcher.close();
    },
  };
}
