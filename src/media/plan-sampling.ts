import type { VideoProbe } from './probe.js';

export interface SamplingPlanInput {
  probe: VideoProbe;
  maxDimension: number;
  maxDuration: number;
}

export interface SamplingPlan {
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  duration: number;
  warnings: string[];
}

/** Thumbnails this wide (or tall, for portrait video) are enough to see a changed word. */
const THUMB_LONG_SIDE = 320;

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/** Output sizes and caps for one video, with a warning for every cap that bites. */
export function planSampling({ probe, maxDimension, maxDuration }: SamplingPlanInput): SamplingPlan {
  const warnings: string[] = [];
  let { width, height } = probe;
  const longSide = Math.max(width, height);
  if (longSide > maxDimension) {
    const scale = maxDimension / longSide;
    warnings.push(`Frames of ${width}×${height} were scaled down to fit ${maxDimension} px (limits.max_dimension).`);
    width = even(width * scale);
    height = even(height * scale);
  }
  let duration = probe.duration;
  if (duration > maxDuration) {
    warnings.push(`Only the first ${maxDuration} s of ${duration.toFixed(1)} s were analyzed (limits.max_duration_seconds).`);
    duration = maxDuration;
  }
  const thumbScale = THUMB_LONG_SIDE / Math.max(width, height);
  return {
    width,
    height,
    thumbWidth: Math.max(8, Math.round(width * Math.min(1, thumbScale))),
    thumbHeight: Math.max(8, Math.round(height * Math.min(1, thumbScale))),
    duration,
    warnings,
  };
}
