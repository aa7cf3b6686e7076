import type { Box } from '../../screen/box.js';
import type { OcrLine } from '../../screen/ocr-text.js';

/**
 * Everything that was readable on screen, frame by frame: the evidence verdicts are judged on.
 *
 * The video is cut into states: stretches of sampled frames during which the text on screen stayed
 * the same (a blinking caret or a spinning wheel does not start a new one). Keyframes are a summary
 * for people and models; a verdict looks at every state.
 */

/** How a state's text was obtained. */
export type ReadKind =
  /** The whole frame was read. */
  | 'full'
  /** Only what changed was read; the rest was carried over from the state before. */
  | 'partial'
  /** Nothing was read (the time budget ran out, or the frame could not be decoded): a gap in the evidence. */
  | 'unread';

export interface TextState {
  index: number;
  /** Time of the first sampled frame showing it (s). */
  start: number;
  /** When the next state began, or the end of the video (s). */
  end: number;
  read: ReadKind;
  /** The text on screen during the state, in reading order. */
  lines: OcrLine[];
  /** Places that plainly held text that could not be read. */
  illegible: Box[];
  /** Where the screen changed from the state before (empty for the first). */
  changed: Box[];
  /** Share of the screen that changed from the state before, 0..1 (1 for the first). */
  changedArea: number;
  /** Index of the keyframe saved from this state, when one was. */
  keyframe: number | null;
}

/** One line of text for as long as it stayed on screen without interruption. */
export interface TextSpan {
  text: string;
  box: Box;
  /** 0..1, the best read of it. */
  confidence: number;
  /** When it was first and last on a sampled frame (s). */
  firstSeen: number;
  lastSeen: number;
  /** The states it was on: firstState..lastState. */
  firstState: number;
  lastState: number;
  /** A keyframe that shows it, when the keyframe cap left one. */
  keyframe: number | null;
}

/** A stretch of the video whose text is not known. */
export interface CoverageGap {
  start: number;
  end: number;
  reason: string;
}

export interface TimelineCounts {
  /** Frames the decoder passed on (identical ones are dropped before). */
  sampled: number;
  /** Frames whose text was read in full or in part. */
  fullReads: number;
  partialReads: number;
  /** Frames that differed only by a caret blink or a known animation: nothing to read. */
  unchanged: number;
  /** Last frames of screens that held still, read once more in full (see timeline-builder.ts). */
  settleReads: number;
  /** Frames left unread: they make gaps. */
  unread: number;
}

export interface TextTimeline {
  /** Seconds of video covered. */
  duration: number;
  /** Seconds between sampled frames: the resolution of every time in the timeline. */
  sampleInterval: number;
  states: TextState[];
  spans: TextSpan[];
  gaps: CoverageGap[];
  counts: TimelineCounts;
}

/** When the state was last on a sampled frame: one sample before the next began. */
export function lastSeen(state: TextState, timeline: Pick<TextTimeline, 'sampleInterval' | 'duration'>): number {
  if (state.end >= timeline.duration) return Math.max(state.start, timeline.duration);
  return Math.max(state.start, state.end - timeline.sampleInterval);
}

/** A timeline of one still image: one state, read in full. */
export function stillTimeline(lines: OcrLine[], illegible: Box[]): TextTimeline {
  const state: TextState = { index: 0, start: 0, end: 0, read: 'full', lines, illegible, changed: [], changedArea: 1, keyframe: 0 };
  return {
    duration: 0,
    sampleInterval: 0,
    states: [state],
    spans: lines.map((line) => ({
      text: line.text,
      box: line.box,
      confidence: line.confidence,
      firstSeen: 0,
      lastSeen: 0,
      firstState: 0,
      lastState: 0,
      keyframe: 0,
    })),
    gaps: [],
    counts: { sampled: 1, fullReads: 1, partialReads: 0, unchanged: 0, settleReads: 0, unread: 0 },
  };
}
