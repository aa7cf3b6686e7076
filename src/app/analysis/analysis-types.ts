import type { ProviderId } from '../../config/schema.js';
import type { ResolvedInput } from './resolve-input.js';
import type { Keyframe, MediaSummary } from '../../media/keyframe-types.js';
import type { CoverageGap } from '../../vision/timeline/text-timeline.js';
import type { Description } from '../../vision/types.js';
import type { Verdict } from '../../screen/verdict.js';
import type { ExpectationSource } from './expectation-sources.js';
import type { ModelUsage } from './model-usage.js';
import type { DriftReport } from '../screens/drift-check.js';
import type { SamplingFunction } from '../../vision/model/sampling-client.js';

export type { SamplingFunction, SamplingRequest } from '../../vision/model/sampling-client.js';

export type AnalysisStage = 'probe' | 'timeline' | 'describe' | 'verify' | 'done';

export interface AnalysisProgress {
  stage: AnalysisStage;
  /** 0..1 over the whole analysis. */
  fraction: number;
  message: string;
}

export interface AnalyzeRequest {
  input: string;
  /** The input already resolved against the allowed roots by whoever asks (the run service did, for its cache key). */
  resolved?: ResolvedInput;
  /** Without any, the input's own are used: its sidecar files, then the rules (see expectation-sources.ts). */
  expectations?: string[];
  /** Set by a caller that already found the expectations: where it found them. */
  expectationsSource?: ExpectationSource;
  provider?: ProviderId;
  maxKeyframes?: number;
  /** Compare with the baseline (true) or not (false) this time; without it, VaiderRules' `drift` decides. */
  drift?: boolean;
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
  /** Null when there were no expectations: the input was described only. */
  verdict: Verdict | null;
  /** Where the expectations came from. */
  expectationsSource: ExpectationSource;
  keyframes: Keyframe[];
  /** keyframes/timeline.json: the keyframes and why each was saved. */
  timelinePath: string;
  /** text-timeline.json: every line of text read on any sampled frame, with when it was on screen. */
  textTimelinePath: string;
  /** Whether every sampled frame's text was read; the stretches that were not. */
  coverage: { complete: boolean; gaps: CoverageGap[] };
  contactSheetPath: string | undefined;
  interactionsDir: string;
  warnings: string[];
  /** Drift against the baseline when asked for (the request's `drift`, else VaiderRules'); null otherwise. */
  drift: DriftReport | null;
  /** Model calls, images, bytes, tokens and estimated cost; all zero for the local provider. */
  usage: ModelUsage;
  durationMs: number;
}
