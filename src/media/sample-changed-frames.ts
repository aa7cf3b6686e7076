import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { ffmpegBinaries } from './ffmpeg-binaries.js';
import { FixedSizeChunker } from './fixed-size-chunker.js';
import { abortReason } from '../base/abort-reason.js';
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

/** Frames handed to a slow consumer and not yet finished with, before decoding pauses. */
const MAX_PENDING_FRAMES = 6;

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
 *
 * `onFrame` may be async (reading text takes longer than decoding): frames are then handed over one
 * at a time, in order, and decoding pauses while a few are waiting, so memory stays bounded whatever
 * the video's length.
 */
export function sampleChangedFrames(
  request: SamplingRequest,
  onFrame: (frame: SampledFrame) => void | Promise<void>,
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
    const fullPipe = child.stdio[3] as Readable;
    let emitted = 0;
    let stderrTail = '';
    let stderrLine = '';
    let failure: unknown;
    let pending = 0;
    let consumed: Promise<void> = Promise.resolve();

    const fail = (error: unknown) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const settled = () => {
      pending--;
      if (pending < MAX_PENDING_FRAMES && !child.killed) {
        child.stdout!.resume();
        fullPipe.resume();
      }
    };
    const deliver = (frame: SampledFrame) => {
      pending++;
      consumed = consumed.then(() => (failure ? undefined : onFrame(frame))).then(settled, (error: unknown) => {
        settled();
        fail(error);
      });
      if (pending >= MAX_PENDING_FRAMES) {
        child.stdout!.pause();
        fullPipe.pause();
      }
    };

    const drain = () => {
      while (thumbs.length > 0 && fulls.length > 0 && times.length > 0) {
        deliver({
          index: emitted++,
          time: times.shift()!,
          thumb: { width: thumbWidth, height: thumbHeight, pixels: thumbs.shift()! },
          rgb: fulls.shift()!,
        });
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
    fullPipe.on('data', (chunk: Buffer) => fullChunker.push(chunk));
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
      drain();
      void consumed.then(() => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) reject(abortReason(signal));
        else if (failure) reject(failure instanceof Error ? failure : new Error(String(failure)));
        else resolve({ frames: emitted, exitCode, stderr: stderrTail + stderrLine });
      });
    });
  });
}
