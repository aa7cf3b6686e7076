import path from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import { resolveInsideRoots } from '../security/allowed-roots.js';
import { openJobStore } from './watch/job-store.js';
import { openRunStore } from './runs/run-store.js';
import { createVaider, type Vaider } from './create-vaider.js';
import { createRunService, type RunService } from './runs/run-service.js';
import { createWatchService, type WatchService } from './watch/watch-service.js';

export interface Application {
  vaider: Vaider;
  runs: RunService;
  /** Present when opened with `watch: true`: the queue and retry loop the file watcher feeds. */
  watch: WatchService | undefined;
  close(): Promise<void>;
}

/**
 * The application a long-running front end (the server, the watcher) holds: the API plus recorded
 * runs, and with `watch` the durable job queue, whose unfinished jobs resume at once.
 */
export async function openApplication(config: ResolvedConfig, options: { watch?: boolean } = {}): Promise<Application> {
  // Vaider's own records obey the allowed roots like everything else it writes.
  const storeDir = await resolveInsideRoots(path.resolve(config.projectRoot, config.rules.store_dir), config.allowedRoots);
  const vaider = createVaider(config);
  const runs = createRunService(vaider, await openRunStore(storeDir));
  const watch = options.watch ? createWatchService({ vaider, runs }, await openJobStore(storeDir)) : undefined;
  return {
    vaider,
    runs,
    watch,
    async close() {
      await watch?.close();
      await vaider.close();
    },
  };
}
