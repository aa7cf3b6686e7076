import type { ProviderId } from '../config/schema.js';
import type { Keyframe, MediaSummary } from '../media/keyframe-types.js';
import type { Description, Verdict } from '../vision/types.js';

export type AnalysisStage = 'probe' | 'keyframes' | 'describe' | 'verify' | 'done';

export interface AnalysisProgress {
  stage: AnalysisStage;
  /** 0..1 over the whole analysis. */
  fraction: number;
  message: string;
}

export interface AnalyzeRequest {
  input: string;
  expectations?: string[];
  provider?: ProviderId;
  maxKeyframes?: number;
  /** Who asked, for the log: `cli`, `mcp`, `watcher`, `rest`. */
  requestedBy?: string;
  signal?: AbortSignal;
  onProgress?: (progress: AnalysisProgress) => void;
}

export interface AnalysisResult {
  input: string;
  media: MediaSummary;
  provider: string;
  description: Description;
  /** Null when no expectations were given: the input was described only. */
  verdict: Verdict | null;
  keyframes: Keyframe[];
  timelinePath: string;
  contactSheetPath: string | undefined;
  interactionsDir: string;
  warnings: string[];
  durationMs: number;
}
