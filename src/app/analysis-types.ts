import type { ProviderId } from '../config/schema.js';
import type { Keyframe, MediaSummary } from '../media/keyframe-types.js';
import type { Description, Verdict } from '../vision/types.js';
import type { ModelUsage } from './model-usage.js';
import type { DriftReport } from './drift-check.js';
import type { SamplingFunction } from '../vision/model/sampling-client.js';

export type { SamplingFunction, SamplingRequest } from '../vision/model/sampling-client.js';

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
  /** The calling MCP session's sampling, for the `sampling` provider. */
  sampling?: SamplingFunction;
  /** Ask again: bypass the run cache and the model response cache. */
  noCache?: boolean;
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
  /** Drift against the baseline when VaiderRules has `drift: true`; null otherwise. */
  drift: DriftReport | null;
  /** Model calls, images, bytes, tokens and estimated cost; all zero for the local provider. */
  usage: ModelUsage;
  durationMs: number;
}
