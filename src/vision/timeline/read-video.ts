/**
 * One pass over a video: probe, decode once, build the text timeline (every sampled frame that
 * changed is read, in full or in part), save the keyframes it chose, and name what was not covered.
 */
import { VaiderError } from '../../base/errors.js';
import { classifyFfmpegFailure } from '../../media/ffmpeg-errors.js';
import { explainKeyframe } from '../../media/explain-keyframe.js';
import { prepareKeyframeFolder, writeKeyframeIndex, writeKeyframePngs } from '../../media/keyframe-files.js';
import type { ExtractOptions, KeyframeFiles, KeyframePixels, KeyframeSettings, MediaSummary } from '../../media/keyframe-types.js';
import { planSampling } from '../../media/plan-sampling.js';
import { probeVideo } from '../../media/probe.js';
import { sampleChangedFrames } from '../../media/sample-changed-frames.js';
import { changedArea } from '../../media/thumbnail-similarity.js';
import type { EvidenceFrame } from '../../screen/verdict.js';
import { evidenceFrames } from './evidence-frames.js';
import type { KeyframeChoice } from './keyframe-picker.js';
import type { FrameReader } from './read-areas.js';
import type { CoverageGap, TextTimeline } from './text-timeline.js';
import { TimelineBuilder } from './timeline-builder.js';

export interface VideoReadingOptions extends ExtractOptions {
  /** Told the video's length (s) once it is probed, before decoding starts. */
  onDuration?: (seconds: number) => void;
  /** `performance.now()` after which frames are no longer read: the rest becomes a gap, named in the result. */
  readUntil?: () => number;
}

export interface VideoReading extends KeyframeFiles {
  media: MediaSummary;
  timeline: TextTimeline;
  warnings: string[];
  /** A saved frame that shows the moment from `time` to `end` (s). */
  frameAt(time: number, end?: number): Promise<EvidenceFrame>;
}

function ranges(stretches: Array<{ start: number; end: number }>): string {
  const merged: Array<{ start: number; end: number }> = [];
  for (const s of [...stretches].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && s.start <= last.end + 0.05) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const shown = merged.slice(0, 8).map((r) => (r.end - r.start < 0.05 ? `${r.start.toFixed(1)} s` : `${r.start.toFixed(1)}–${r.end.toFixed(1)} s`));
  return shown.join(', ') + (merged.length > 8 ? ` and ${merged.length - 8} more` : '');
}

/** Warnings for what the keyframes or the timeline leave out. */
function coverageWarnings(timeline: TextTimeline, max: number): string[] {
  const warnings: string[] = [];
  const unshown = timeline.spans.filter((span) => span.keyframe === null);
  if (unshown.length > 0) {
    warnings.push(
      `The keyframe cap (keyframes.max = ${max}) left ${unshown.length} line${unshown.length === 1 ? '' : 's'} of text without a keyframe, ` +
        `on screen at ${ranges(unshown.map((s) => ({ start: s.firstSeen, end: s.lastSeen })))}. ` +
        'They are in text-timeline.json and were judged; a verdict that rests on one saves a frame of its own.',
    );
  }
  for (const gap of timeline.gaps) {
    warnings.push(`The text on screen was not read at ${gap.start.toFixed(1)}–${gap.end.toFixed(1)} s: ${gap.reason}. Verdicts that depend on it are uncertain.`);
  }
  return warnings;
}

function pixelsOf(choices: KeyframeChoice[], timeline: TextTimeline): KeyframePixels[] {
  return choices.map((choice, i) => {
    const state = timeline.states[choice.state]!;
    const changeScore = i === 0 ? 1 : changedArea(choices[i - 1]!.frame.thumb, choice.frame.thumb);
    return {
      time: state.start,
      end: state.end,
      frameTime: choice.frame.time,
      changeScore,
      reasons: choice.reasons,
      why: explainKeyframe(choice.reasons, state.start, state.end, changeScore, choice.leaving.map((span) => span.text)),
      rgb: choice.frame.rgb,
    };
  });
}

export async function readVideo(
  file: string,
  dir: string,
  settings: KeyframeSettings,
  read: FrameReader,
  options: VideoReadingOptions = {},
): Promise<VideoReading> {
  const { signal, onProgress } = options;
  const probe = await probeVideo(file, signal);
  const plan = planSampling({ probe, maxDimension: settings.maxDimension, maxDuration: settings.maxDuration });
  options.onDuration?.(plan.duration);
  const warnings = [...plan.warnings];
  const sampleInterval = 1 / settings.sampleFps;
  const builder = new TimelineBuilder({
    width: plan.width,
    height: plan.height,
    sampleInterval,
    read,
    picker: { max: settings.max, stableSeconds: settings.stableMs / 1000 },
    signal,
    readUntil: options.readUntil?.(),
  });
  let lastTime = 0;
  let lastReport = -Infinity;

  const outcome = await sampleChangedFrames(
    { file, ...plan, sampleFps: settings.sampleFps, maxDuration: plan.duration || settings.maxDuration },
    async (frame) => {
      await builder.push(frame);
      lastTime = frame.time;
      if (onProgress && plan.duration > 0 && frame.time - lastReport >= plan.duration / 50) {
        lastReport = frame.time;
        onProgress({ fraction: Math.min(1, frame.time / plan.duration), message: `reading ${frame.time.toFixed(1)} of ${plan.duration.toFixed(1)} s` });
      }
    },
    signal,
  );

  if (outcome.frames === 0) {
    const reason = classifyFfmpegFailure(outcome.stderr, file, 'NO_DECODABLE_FRAMES');
    if (reason.code === 'UNSUPPORTED_CODEC' || reason.code === 'INPUT_NOT_MEDIA' || reason.code === 'INPUT_NOT_FOUND') throw reason;
    throw new VaiderError('NO_DECODABLE_FRAMES', `${file}: no frame of the video could be decoded.`, { file, ffmpeg: reason.details.ffmpeg });
  }
  const gaps: CoverageGap[] = [];
  if (outcome.exitCode !== 0) {
    warnings.push(`The video is damaged: decoding stopped at ${lastTime.toFixed(2)} s (${classifyFfmpegFailure(outcome.stderr, file).message}).`);
    if (plan.duration > lastTime + sampleInterval) gaps.push({ start: lastTime + sampleInterval, end: plan.duration, reason: 'the video could not be decoded from here' });
  }

  const end = plan.duration > 0 ? Math.max(plan.duration, lastTime) : lastTime;
  const { timeline, keyframes: choices } = await builder.finish(end, gaps);
  warnings.push(...coverageWarnings(timeline, settings.max));
  await prepareKeyframeFolder(dir);
  const keyframes = await writeKeyframePngs(dir, pixelsOf(choices, timeline), plan.width, plan.height);
  const media: MediaSummary = { kind: 'video', width: probe.width, height: probe.height, duration: end, codec: probe.codec };
  onProgress?.({ fraction: 1, message: `${timeline.states.length} text states, ${keyframes.length} keyframes` });
  const files = await writeKeyframeIndex(dir, media, keyframes, warnings, settings.contactSheet);
  const frameAt = evidenceFrames({ file, dir, width: plan.width, height: plan.height, timeline, keyframes, signal });
  return { ...files, media, timeline, warnings, frameAt };
}
