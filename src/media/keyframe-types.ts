import type { KeyframeReason } from './settle-detector.js';

export interface Keyframe {
  index: number;
  /** When this screen appeared (s). */
  time: number;
  /** When it was replaced, or the end of the video (s). */
  end: number;
  /** The moment the saved PNG was taken from (s). */
  frameTime: number;
  changeScore: number;
  reasons: KeyframeReason[];
  /** Why it was picked, in words. */
  why: string;
  path: string;
  width: number;
  height: number;
}

export interface KeyframeSettings {
  max: number;
  similarity: number;
  stableMs: number;
  sampleFps: number;
  contactSheet: boolean;
  maxDimension: number;
  maxDuration: number;
}

export interface MediaSummary {
  kind: 'video' | 'image';
  width: number;
  height: number;
  /** Seconds of video (0 for an image). */
  duration: number;
  codec: string;
}

export interface KeyframeExtraction {
  media: MediaSummary;
  keyframes: Keyframe[];
  /** Frames ffmpeg passed on after dropping unchanged ones. */
  sampledFrames: number;
  timelinePath: string;
  contactSheetPath: string | undefined;
  /** Caps that applied and damage that was worked around. */
  warnings: string[];
}

export interface ExtractionProgress {
  /** 0..1 of the video decoded. */
  fraction: number;
  message: string;
}

export interface ExtractOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ExtractionProgress) => void;
}
