/**
 * Why a frame was saved: the first and the last of the video; `text`, the last moment some text was on
 * screen before it went (so every line of text is on a saved frame); `settled`, a screen that held
 * still without new text.
 */
export type KeyframeReason = 'first' | 'text' | 'settled' | 'last';

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

/** A frame chosen to be saved as a keyframe, with its pixels: a keyframe before it has a file. */
export type KeyframePixels = Omit<Keyframe, 'index' | 'path' | 'width' | 'height'> & {
  /** Full-resolution RGB, width × height × 3 bytes. */
  rgb: Uint8Array;
};

export interface KeyframeFiles {
  keyframes: Keyframe[];
  timelinePath: string;
  contactSheetPath: string | undefined;
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
