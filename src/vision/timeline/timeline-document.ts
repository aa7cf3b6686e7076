import type { TextTimeline } from './text-timeline.js';

const round = (n: number) => Number(n.toFixed(3));

/**
 * text-timeline.json: every line of text with when it was on screen, and each state of the screen
 * with the lines it showed (by span number), how it was read and its keyframe. Keys are snake_case,
 * as in every file Vaider writes for people and tools.
 */
export function timelineDocument(timeline: TextTimeline): unknown {
  const spanIds = new Map(timeline.spans.map((span, id) => [span, id]));
  return {
    duration: round(timeline.duration),
    sample_interval: round(timeline.sampleInterval),
    coverage: {
      complete: timeline.gaps.length === 0,
      sampled_frames: timeline.counts.sampled,
      full_reads: timeline.counts.fullReads,
      partial_reads: timeline.counts.partialReads,
      unchanged_frames: timeline.counts.unchanged,
      settle_reads: timeline.counts.settleReads,
      unread_frames: timeline.counts.unread,
      gaps: timeline.gaps.map((g) => ({ start: round(g.start), end: round(g.end), reason: g.reason })),
    },
    spans: timeline.spans.map((span, id) => ({
      id,
      text: span.text,
      first_seen: round(span.firstSeen),
      last_seen: round(span.lastSeen),
      box: span.box,
      confidence: span.confidence,
      keyframe: span.keyframe,
    })),
    states: timeline.states.map((state) => ({
      index: state.index,
      start: round(state.start),
      end: round(state.end),
      read: state.read,
      keyframe: state.keyframe,
      changed_area: state.changedArea,
      changed: state.changed,
      spans: timeline.spans.filter((span) => span.firstState <= state.index && span.lastState >= state.index).map((span) => spanIds.get(span)),
      illegible: state.illegible,
    })),
  };
}
