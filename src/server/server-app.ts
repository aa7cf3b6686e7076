import type { Vaider } from '../app/create-vaider.js';
import type { RunService } from '../app/run-service.js';

/** The application, as every server front end (MCP, REST) sees it. */
export interface ServerApp {
  vaider: Vaider;
  runs: RunService;
  /** Aborted when the server shuts down: every call in flight stops, and its ffmpeg with it. */
  shutdown: AbortSignal;
}
