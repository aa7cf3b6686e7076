import path from 'node:path';
import { extractFrameAt } from '../../media/extract-frame.js';
import type { Keyframe } from '../../media/keyframe-types.js';
import type { EvidenceFrame } from '../../screen/verdict.js';
import type { TextTimeline } from './text-timeline.js';

export interface EvidenceSource {
  file: string;
  /** Where keyframes are; frames saved for evidence go there too. */
  dir: string;
  width: number;
  height: number;
  timeline: TextTimeline;
  keyframes: Keyframe[];
  signal?: AbortSignal;
}

/**
 * A saved frame for a moment of the video: a keyframe taken within the moment when there is one (the
 * same text is on every frame of a moment), otherwise a frame decoded for it and saved beside the
 * keyframes, once per moment.
 */
export function evidenceFrames(source: EvidenceSource): (time: number, end?: number) => Promise<EvidenceFrame> {
  const { timeline, keyframes } = source;
  const saved = new Map<number, Promise<EvidenceFrame>>();
  const stateAt = (time: number) => timeline.states.findLast((s) => s.start <= time + 1e-6) ?? timeline.states[0];
  return (time, end = time) => {
    const state = stateAt(time);
    const at = state ? state.start : time;
    const shownBy = timeline.states.find((s) => s.keyframe !== null && s.start >= at - 1e-6 && s.start <= end + 1e-6)?.keyframe;
    const shown = shownBy === undefined || shownBy === null ? undefined : keyframes[shownBy];
    if (shown) return Promise.resolve({ index: shown.index, path: shown.path });
    let pending = saved.get(at);
    if (!pending) {
      const out = path.join(source.dir, `evidence_at_${at.toFixed(2)}s.png`);
      // Just after the moment's first sampled frame: the decoder's frame at exactly that time may be the one before.
      pending = extractFrameAt(source.file, at + timeline.sampleInterval / 4, source.width, source.height, out, source.signal).then(() => ({ index: null, path: out }));
      saved.set(at, pending);
    }
    return pending;
  };
}
