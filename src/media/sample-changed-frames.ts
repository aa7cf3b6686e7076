import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { ffmpegBinaries } from './ffmpeg-binaries.js';
import { FixedSizeChunker } from './fixed-size-chunker.js';
import { abortReason } from '../util/abort-reason.js';
import type { Thumbnail } from './thumbnail-similarity.js';

export interface SampledFrame {
  /** Position among the frames that were emitted (not the video's frame number). */
  index: number;
  time: number;
  thumb: Thumbnail;
  /** Full-resolution RGB, `width × height × 3` bytes. */
  rgb: Buffer;
}

export interface SamplingRequest {
  file: string;
  /** Output size of the full-resolution frames (already capped). */
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  sampleFps: number;
  /** Decode no further than this many seconds. */
  maxDuration: number;
}

export interface SamplingOutcome {
  frames: number;
  exitCode: number | null;
  stderr: string;
}

/**
 * One decoding pass. ffmpeg samples the video at `sampleFps`, drops frames identical to the last
 * one it kept (mpdecimate), and sends each remaining frame twice over pipes: a greyscale thumbnail
 * for measuring change and the full frame for keyframe PNGs. Timestamps come from showinfo on
 * stderr. A static UI screen therefore costs one frame however long it holds, and the video is
 * decoded only once: no second pass to extract the keyframes, no temp file per frame.
 */
export function sampleChangedFrames(
  request: SamplingRequest,
  onFrame: (frame: SampledFrame) => void,
  signal?: AbortSignal,
): Promise<SamplingOutcome> {
  const { ffmpeg } = ffmpegBinaries();
  const { width, height, thumbWidth, thumbHeight } = request;
  const graph = [
    `[0:v]fps=${request.sampleFps},mpdecimate,showinfo,split=2[t][f]`,
    `[t]scale=${thumbWidth}:${thumbHeight}:flags=area,format=gray[thumb]`,
    `[f]scale=${width}:${height}:flags=bicubic,format=rgb24[full]`,
  ].join(';');
  const args = [
    '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'info',
    '-t', String(request.maxDuration),
    '-i', request.file,
    '-filter_complex', graph,
    '-map', '[thumb]', '-vsync', '0', '-f', 'rawvideo', 'pipe:1',
    '-map', '[full]', '-vsync', '0', '-f', 'rawvideo', 'pipe:3',
  ];

  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const thumbs: Buffer[] = [];
    const fulls: Buffer[] = [];
    const times: number[] = [];
    let emitted = 0;
    let stderrTail = '';
    let stderrLine = '';
    let failure: unknown;

    const drain = () => {
      while (thumbs.length > 0 && fulls.length > 0 && times.length > 0) {
        const frame: SampledFrame = {
          index: emitted++,
          time: times.shift()!,
          thumb: { width: thumbWidth, height: thumbHeight, pixels: thumbs.shift()! },
          rgb: fulls.shift()!,
        };
        try {
          onFrame(frame);
        } catch (error) {
          failure ??= error;
          child.kill('SIGKILL');
        }
      }
    };

    // Copies: the chunker hands out views of pipe buffers that Node reuses.
    const thumbChunker = new FixedSizeChunker(thumbWidth * thumbHeight, (b) => {
      thumbs.push(Buffer.from(b));
      drain();
    });
    const fullChunker = new FixedSizeChunker(width * height * 3, (b) => {
      fulls.push(Buffer.from(b));
      drain();
    });
    child.stdout!.on('data', (chunk: Buffer) => thumbChunker.push(chunk));
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => fullChunker.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = stderrLine + chunk.toString('utf8');
      const lines = text.split('\n');
      stderrLine = lines.pop() ?? '';
      for (const line of lines) {
        const match = line.includes('Parsed_showinfo') ? /pts_time:\s*(-?[\d.]+)/.exec(line) : null;
        if (match) {
          times.push(Math.max(0, Number(match[1])));
        } else if (!line.includes('Parsed_showinfo')) {
          // Keep the diagnostic lines (errors, stream info), bounded.
          stderrTail = (stderrTail + line + '\n').slice(-8000);
        }
      }
      drain();
    });

    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      failure ??= error;
    });
    child.on('close', (exitCode) => {
      signal?.removeEventListener('abort', onAbort);
      drain();
      if (signal?.aborted) reject(abortReason(signal));
      else if (failure) reject(failure instanceof Error ? failure : new Error(String(failure)));
      else resolve({ frames: emitted, exitCode, stderr: stderrTail + stderrLine });
    });
  });
}
