import type { ResolvedConfig } from '../config/load-config.js';
import type { WatchedFile, WatchService, WatchTally } from '../app/watch/watch-service.js';
import { findMediaFiles } from './find-media-files.js';
import { startFileWatcher, type FileWatcher } from './file-watcher.js';
import { watchPatterns } from './watch-patterns.js';

/** Feeds the watch service from chokidar: every matching file, once written, as it appears. */
export function startWatching(config: ResolvedConfig, service: WatchService, onError: (error: unknown) => void): FileWatcher {
  return startFileWatcher({
    root: config.projectRoot,
    patterns: watchPatterns(config.rules),
    stableMs: config.rules.watch.stable_ms,
    slowWriteMs: config.rules.analysis_timeout_seconds * 1000,
    onFile: (file) => void service.submit(file).catch(onError),
    onStillWriting: (file, ms) => void service.reportStillWriting(file, ms).catch(onError),
    onError,
  });
}

/**
 * `watch --once`: every matching file that exists now, analyzed (with retries) until nothing is left,
 * and where each stands then, including files whose content was judged by an earlier run.
 */
export async function processExisting(config: ResolvedConfig, service: WatchService): Promise<{ files: number; tally: WatchTally; results: WatchedFile[] }> {
  const files = await findMediaFiles(config.projectRoot, watchPatterns(config.rules));
  await Promise.all(files.map((file) => service.submit(file)));
  await service.idle();
  return { files: files.length, ...(await service.outcome(files)) };
}
