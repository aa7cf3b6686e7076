import type { FallbackRecord, ModelCallRecord } from './model/model-call-record.js';
import type { RgbImage } from './ocr/rgb-image.js';
import type { TextTimeline } from './timeline/text-timeline.js';
import type { Embedding } from '../media/perceptual-hash.js';
import type { Box } from '../screen/box.js';
import type { ElementMatch } from '../screen/element.js';
import type { OcrLine, OcrResult } from '../screen/ocr-text.js';
import type { EvidenceFrame, Verdict } from '../screen/verdict.js';

/** Shared vocabulary of every vision provider: the offline local one and the model providers. */

/** One keyframe or screenshot on disk, as providers receive it. Images travel by path. */
export interface FrameRef {
  index: number;
  /** Seconds from the start of the video; 0 for a screenshot. */
  time: number;
  path: string;
  width: number;
  height: number;
}

/** What a provider saw on one frame. */
export interface FrameObservation {
  frame: FrameRef;
  /** Text lines read on the frame; empty when the provider does not read text. */
  lines: OcrLine[];
  summary: string;
}

export interface DescriptionStep {
  time: number;
  /** The keyframe that shows the step, when one was saved for it. */
  frameIndex: number | null;
  text: string;
}

export interface Description {
  summary: string;
  steps: DescriptionStep[];
  observations: FrameObservation[];
}

export interface ProviderCapabilities {
  nativeVideo: boolean;
  structuredOutput: boolean;
  readsText: boolean;
  judgesVisualStyle: boolean;
}

export interface CallContext {
  signal?: AbortSignal;
  /** Called as frames are processed, for progress bars on long work. */
  onProgress?: (done: number, total: number) => void;
  /** Ask the model again even if the same question was answered before. */
  noCache?: boolean;
  /** The whole video the frames come from, for models that take video. */
  video?: { path: string; duration: number };
  /** Every exchange with a model service, for the interactions log and the run's accounting. */
  onModelCall?: (record: ModelCallRecord) => Promise<void>;
  /** A provider failed and the next in the fallback chain answers. */
  onFallback?: (record: FallbackRecord) => Promise<void>;
}

/** Two screens side by side: how alike, where they differ, and what changed in words. */
export interface ScreenComparison {
  /** 0..1: 1 is the same screen. */
  similarity: number;
  /** Where they differ, in pixels of the second screen. */
  regions: Box[];
  /** What changed, in words: text that appeared or went, and (from a model) layout, colour, icons. */
  changes: string[];
}

/**
 * What providers judge an input on: the keyframes (what people open and models are shown) and the
 * text read on every sampled frame.
 */
export interface ScreenEvidence {
  /** The saved keyframes, in time order. */
  frames: FrameRef[];
  timeline: TextTimeline;
  /** A saved frame that shows the screen from `time` to `end` (s): a keyframe of that moment, or one saved for it. */
  frameAt(time: number, end?: number): Promise<EvidenceFrame>;
}

export interface VisionProvider {
  readonly id: string;
  readonly capabilities: ProviderCapabilities;
  /** Why the provider cannot answer itself (a model without its API key): its fallbacks answer instead. */
  readonly unavailable?: string;
  describe(evidence: ScreenEvidence, ctx?: CallContext): Promise<Description>;
  verify(evidence: ScreenEvidence, expectations: string[], ctx?: CallContext): Promise<Verdict>;
  /** `before` and `after` are image paths; a size difference is compared at the size of `after`. */
  compare(before: string, after: string, ctx?: CallContext): Promise<ScreenComparison>;
  ocr(imagePath: string, ctx?: CallContext): Promise<OcrResult>;
  /** OCR of a decoded frame, for the text timeline: always the offline engine, whatever the provider. */
  ocrFrame(image: RgbImage, ctx?: CallContext): Promise<OcrResult>;
  findElement(imagePath: string, target: string, ctx?: CallContext): Promise<ElementMatch | null>;
  embed(imagePath: string, ctx?: CallContext): Promise<Embedding>;
  close(): Promise<void>;
}
