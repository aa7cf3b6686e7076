import path from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import { resolveInsideRoots } from '../security/allowed-roots.js';
import { openRunStore } from '../store/run-store.js';
import { createVaider, type Vaider } from './create-vaider.js';
import { createRunService, type RunService } from './run-service.js';

export interface Application {
  vaider: Vaider;
  runs: RunService;
  close(): Promise<void>;
}

/** The application a long-running front end (the server) holds: the API plus recorded runs. */
export async function openApplication(config: ResolvedConfig): Promise<Application> {
  // Vaider's own records obey the allowed roots like everything else it writes.
  const storeDir = await resolveInsideRoots(path.resolve(config.projectRoot, config.rules.store_dir), config.allowedRoots);
  const vaider = createVaider(config);
  const runs = createRunService(vaider, await openRunStore(storeDir));
  return { vaider, runs, close: () => vaider.close() };
}
