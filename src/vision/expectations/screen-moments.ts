import type { Box } from '../../screen/box.js';
import type { OcrLine } from '../../screen/ocr-text.js';
import { lastSeen, type TextTimeline } from '../timeline/text-timeline.js';

/**
 * What an expectation is judged against: each state of the text timeline as a stretch of time with
 * the text read on it. Every sampled frame belongs to one, so a verdict sees all of them.
 */
export interface ScreenMoment {
  /** Index of the timeline state. */
  index: number;
  /** First and last sampled frame of it (s). */
  start: number;
  until: number;
  /** False when its frames were not read: nothing can be said about its text. */
  read: boolean;
  lines: OcrLine[];
  /** Places that held text that could not be read. */
  illegible: Box[];
  /** A screenshot rather than a moment of a video: explanations say so instead of giving times. */
  still: boolean;
  /** Seconds between sampled frames: how long one frame stands for, and how exact a duration can be. */
  interval: number;
}

export function momentsOf(timeline: TextTimeline): ScreenMoment[] {
  const still = timeline.duration === 0;
  return timeline.states.map((state) => ({
    index: state.index,
    start: state.start,
    until: lastSeen(state, timeline),
    read: state.read !== 'unread',
    lines: state.lines,
    illegible: state.illegible,
    still,
    interval: timeline.sampleInterval,
  }));
}

/** Where in the input a judgement rests: a stretch of time, and the place on screen when it is a piece of text. */
export interface EvidenceMoment {
  /** The timeline state it starts in. */
  state: number;
  time: number;
  end: number;
  box?: Box;
}
