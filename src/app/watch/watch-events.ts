import type { VaiderError } from '../../base/errors.js';

/** What the watcher reports, for the CLI to print and the MCP server to forward. */
export type WatchEvent =
  | { type: 'detected'; path: string }
  | { type: 'verdict'; path: string; verdict: string; explanation: string; runId: string; interactionsDir: string; cached: boolean }
  | { type: 'error'; path: string; error: VaiderError }
  | { type: 'rerun'; path: string; reason: 'mismatch' | 'error'; attempt: number; max: number; argv: string[] }
  | { type: 'attention'; path: string; message: string; interactionsDir: string; runId: string | null }
  | { type: 'still_writing'; path: string; seconds: number };

export type WatchListener = (event: WatchEvent) => void;
