import type { Keyframe, MediaSummary } from './keyframe-types.js';
import path from 'node:path';

/** timeline.json: what each keyframe is and why it was picked, with paths relative to the file. */
export function timelineDocument(media: MediaSummary, keyframes: Keyframe[], dir: string, warnings: string[]): unknown {
  return {
    media,
    warnings,
    keyframes: keyframes.map((k) => ({
      index: k.index,
      file: path.relative(dir, k.path),
      time: k.time,
      end: k.end,
      frame_time: k.frameTime,
      held_ms: Math.round((k.end - k.time) * 1000),
      change_score: Number(k.changeScore.toFixed(4)),
      reasons: k.reasons,
      why: k.why,
    })),
  };
}
