import type { Vaider } from '../app/create-vaider.js';
import type { RunService } from '../app/runs/run-service.js';
import type { WatchService } from '../app/watch/watch-service.js';

/** The application, as every server front end (MCP, REST) sees it. */
export interface ServerApp {
  vaider: Vaider;
  runs: RunService;
  /** The watcher, when the server watches: its give-ups reach connected clients. */
  watch?: WatchService;
  /** Aborted when the server shuts down: every call in flight stops, and its ffmpeg with it. */
  shutdown: AbortSignal;
}
