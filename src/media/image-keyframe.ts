import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { VaiderError, type ErrorCode } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { writeContactSheet } from './contact-sheet.js';
import { explainKeyframe } from './explain-keyframe.js';
import { classifyFfmpegFailure } from './ffmpeg-errors.js';
import type { ExtractOptions, Keyframe, KeyframeExtraction, KeyframeSettings, MediaSummary } from './keyframe-types.js';
import { planSampling } from './plan-sampling.js';
import { probeVideo } from './probe.js';
import { sampleChangedFrames } from './sample-changed-frames.js';
import { SettleDetector, type KeyframeCandidate } from './settle-detector.js';
import { timelineDocument } from './timeline-file.js';

function keyframeFileName(index: number, time: number): string {
  return `${String(index + 1).padStart(2, '0')}_at_${time.toFixed(2)}s.png`;
}

/** Old keyframes of an earlier analysis of the same input would be mistaken for this one's. */
async function prepareFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(dir)) {
    if (entry.endsWith('.png')) await rm(path.join(dir, entry), { force: true });
  }
}

async function writeOutputs(
  dir: string,
  media: MediaSummary,
  keyframes: Keyframe[],
  warnings: string[],
  contactSheet: boolean,
): Promise<{ timelinePath: string; contactSheetPath: string | undefined }> {
  const timelinePath = path.join(dir, 'timeline.json');
  await writeFileAtomic(timelinePath, JSON.stringify(timelineDocument(media, keyframes, dir, warnings), null, 2) + '\n');
  let contactSheetPath: string | undefined;
  if (contactSheet) {
    contactSheetPath = path.join(dir, 'contact-sheet.png');
    await writeContactSheet(
      keyframes.map((k) => ({ path: k.path, label: `${k.index + 1} · ${k.time.toFixed(2)} s` })),
      contactSheetPath,
    );
  }
  return { timelinePath, contactSheetPath };
}

async function writeKeyframePngs(dir: string, candidates: KeyframeCandidate[], width: number, height: number): Promise<Keyframe[]> {
  return Promise.all(
    candidates.map(async (c, index) => {
      const file = path.join(dir, keyframeFileName(index, c.start));
      const png = await sharp(c.rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 3 }).toBuffer();
      await writeFileAtomic(file, png);
      return {
        index,
        time: c.start,
        end: c.end,
        frameTime: c.frameTime,
        changeScore: c.changeScore,
        reasons: c.reasons,
        why: explainKeyframe(c.reasons, c.start, c.end, c.changeScore),
        path: file,
        width,
        height,
      };
    }),
  );
}

/** Probe, one sampling pass, settle detection, then the PNGs, timeline.json and contact sheet in `dir`. */
export async function extractVideoKeyframes(
  file: string,
  dir: string,
  settings: KeyframeSettings,
  options: ExtractOptions = {},
): Promise<KeyframeExtraction> {
  const { signal, onProgress } = options;
  const probe = await probeVideo(file, signal);
  const plan = planSampling({ probe, maxDimension: settings.maxDimension, maxDuration: settings.maxDuration });
  const warnings = [...plan.warnings];
  const detector = new SettleDetector({ similarity: settings.similarity, stableMs: settings.stableMs, max: settings.max });
  let lastTime = 0;
  let lastReport = 0;

  const outcome = await sampleChangedFrames(
    { file, ...plan, sampleFps: settings.sampleFps, maxDuration: plan.duration || settings.maxDuration },
    (frame) => {
      detector.push(frame);
      lastTime = frame.time;
      if (onProgress && plan.duration > 0 && frame.time - lastReport >= plan.duration / 20) {
        lastReport = frame.time;
        onProgress({ fraction: Math.min(1, frame.time / plan.duration), message: `decoding ${frame.time.toFixed(1)} s` });
      }
    },
    signal,
  );

  if (outcome.frames === 0) {
    const reason = classifyFfmpegFailure(outcome.stderr, file, 'NO_DECODABLE_FRAMES');
    if (reason.code === 'UNSUPPORTED_CODEC' || reason.code === 'INPUT_NOT_MEDIA') throw reason;
    throw new VaiderError('NO_DECODABLE_FRAMES', `${file}: no frame of the video could be decoded.`, {
      file,
      ffmpeg: reason.details.ffmpeg,
    });
  }
  if (outcome.exitCode !== 0) {
    warnings.push(`The video is damaged: decoding stopped at ${lastTime.toFixed(2)} s (${classifyFfmpegFailure(outcome.stderr, file).message}).`);
  }

  const end = plan.duration > 0 ? Math.max(plan.duration, lastTime) : lastTime;
  const candidates = detector.finish(end);
  await prepareFolder(dir);
  const keyframes = await writeKeyframePngs(dir, candidates, plan.width, plan.height);
  const media: MediaSummary = { kind: 'video', width: probe.width, height: probe.height, duration: end, codec: probe.codec };
  onProgress?.({ fraction: 1, message: `${keyframes.length} keyframes` });
  return {
    media,
    keyframes,
    sampledFrames: outcome.frames,
    warnings,
    ...(await writeOutputs(dir, media, keyframes, warnings, settings.contactSheet)),
  };
}

/** sharp refuses images over its pixel limit (about 268 megapixels) before decoding a byte. */
function imageError(file: string, error: unknown, code: ErrorCode, what: string): VaiderError {
  const message = (error as Error).message;
  if (/pixel limit/i.test(message)) {
    return new VaiderError('INPUT_TOO_LARGE', `${file}: the image has too many pixels to decode (${message}).`, { file });
  }
  return new VaiderError(code, `${file}: ${what} (${message}).`, { file });
}

/** A screenshot is its own single keyframe, re-encoded as PNG (and scaled down if it exceeds the cap). */
export async function extractImageKeyframe(file: string, dir: string, settings: KeyframeSettings): Promise<KeyframeExtraction> {
  let metadata: Metadata;
  try {
    metadata = await sharp(file).metadata();
  } catch (error) {
    throw imageError(file, error, 'INPUT_NOT_MEDIA', 'not an image that can be decoded');
  }
  const width = metadata.autoOrient?.width ?? metadata.width ?? 0;
  const height = metadata.autoOrient?.height ?? metadata.height ?? 0;
  const warnings: string[] = [];
  let pipeline = sharp(file).autoOrient();
  if (Math.max(width, height) > settings.maxDimension) {
    warnings.push(`The image of ${width}×${height} was scaled down to fit ${settings.maxDimension} px (limits.max_dimension).`);
    pipeline = pipeline.resize({ width: settings.maxDimension, height: settings.maxDimension, fit: 'inside' });
  }
  await prepareFolder(dir);
  const out = path.join(dir, keyframeFileName(0, 0));
  let info: OutputInfo;
  try {
    const result = await pipeline.png({ compressionLevel: 3 }).toBuffer({ resolveWithObject: true });
    info = result.info;
    await writeFileAtomic(out, result.data);
  } catch (error) {
    throw imageError(file, error, 'INPUT_CORRUPT', 'the image is truncated or corrupt');
  }
  const media: MediaSummary = { kind: 'image', width, height, duration: 0, codec: metadata.format ?? 'unknown' };
  const keyframes: Keyframe[] = [
    {
      index: 0,
      time: 0,
      end: 0,
      frameTime: 0,
      changeScore: 1,
      reasons: ['first', 'last'],
      why: 'the screenshot itself',
      path: out,
      width: info.width,
      height: info.height,
    },
  ];
  return { media, keyframes, sampledFrames: 1, warnings, ...(await writeOutputs(dir, media, keyframes, warnings, settings.contactSheet)) };
}
