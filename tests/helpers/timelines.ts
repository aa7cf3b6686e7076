import type { ReadKind, TextState, TextTimeline } from '../../src/vision/timeline/text-timeline.js';
import type { Box } from '../../src/screen/box.js';
import type { OcrLine } from '../../src/screen/ocr-text.js';

export interface StateSpec {
  time: number;
  lines?: OcrLine[];
  read?: ReadKind;
  illegible?: Box[];
}

/**
 * A text timeline from hand-written states, sampled every 0.1 s: what the verdict code is given by a
 * real video, without the video.
 */
export function timelineOf(specs: StateSpec[], duration = (specs.at(-1)?.time ?? 0) + 2): TextTimeline {
  const states: TextState[] = specs.map((spec, index) => ({
    index,
    start: spec.time,
    end: specs[index + 1]?.time ?? duration,
    read: spec.read ?? 'full',
    lines: spec.lines ?? [],
    illegible: spec.illegible ?? [],
    changed: [],
    changedArea: index === 0 ? 1 : 0.1,
    keyframe: null,
  }));
  return {
    duration,
    sampleInterval: 0.1,
    states,
    spans: [],
    gaps: [],
    counts: { sampled: states.length, fullReads: states.length, partialReads: 0, unchanged: 0, settleReads: 0, unread: 0 },
  };
}
