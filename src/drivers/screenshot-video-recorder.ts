import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { VaiderError } from '../base/errors.js';
import { ffmpegBinaries } from '../media/ffmpeg-binaries.js';
import type { Viewport } from './browser-driver.js';

export interface ScreenshotRecordingOptions {
  /** Frames a second written to the video (default 10). */
  fps?: number;
  /** Capturing stops by itself after this long, so a forgotten recording cannot grow without end (default 10 min). */
  maxMs?: number;
}

/** libx264 with yuv420p needs even sides. */
function even(n: number): number {
  return Math.max(2, Math.floor(n / 2) * 2);
}

/**
 * Records a browser that can only take screenshots: grabs one as often as it can (at most `fps` a
 * second) and pipes PNGs into ffmpeg as a constant-rate H.264 .mp4. A screenshot slower than a frame
 * is written once for every frame slot it covered, so the video keeps real time rather than playing
 * fast. Every frame is scaled to the size at the start, so a viewport change mid-recording stretches
 * rather than breaking the stream.
 */
export class ScreenshotVideoRecorder {
  private stopped = false;
  private readonly loop: Promise<void>;
  private readonly ffmpeg: ChildProcessByStdio<Writable, null, Readable>;
  private stderr = '';
  private readonly exited: Promise<number | null>;
  private captureError: unknown = null;

  constructor(
    private readonly file: string,
    screenshot: () => Promise<Buffer>,
    size: Viewport,
    options: ScreenshotRecordingOptions = {},
  ) {
    const fps = options.fps ?? 10;
    const args = [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'image2pipe', '-framerate', String(fps), '-c:v', 'png', '-i', '-',
      '-vf', `scale=${even(size.width)}:${even(size.height)}`,
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-f', 'mp4', file,
    ];
    this.ffmpeg = spawn(ffmpegBinaries().ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    this.ffmpeg.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => {
      this.ffmpeg.on('close', resolve);
      this.ffmpeg.on('error', (error) => {
        this.stderr = error.message;
        resolve(null);
      });
    });
    // A broken pipe shows as ffmpeg's exit code and stderr in stop().
    this.ffmpeg.stdin.on('error', () => {});
    // Kept, not thrown, until stop(): nobody awaits the loop before then.
    this.loop = this.capture(screenshot, 1000 / fps, options.maxMs ?? 600_000).catch((error: unknown) => {
      this.captureError = error;
    });
  }

  private async capture(screenshot: () => Promise<Buffer>, frameMs: number, maxMs: number): Promise<void> {
    const started = Date.now();
    let written = 0;
    while (!this.stopped && Date.now() - started < maxMs) {
      const tickStarted = Date.now();
      const png = await screenshot();
      // Slots up to now, and at least one so the first frame always lands.
      const due = Math.max(written + 1, Math.floor((Date.now() - started) / frameMs));
      for (; written < due; written++) {
        // Racing the exit: a dead ffmpeg never drains.
        if (!this.ffmpeg.stdin.write(png)) await Promise.race([once(this.ffmpeg.stdin, 'drain'), this.exited]);
        if (this.ffmpeg.exitCode !== null) return;
      }
      await sleep(Math.max(0, frameMs - (Date.now() - tickStarted)));
    }
  }

  /** Ends capture, lets ffmpeg finish the file and resolves with its path. */
  async stop(): Promise<string> {
    this.stopped = true;
    await this.loop;
    this.ffmpeg.stdin.end();
    const code = await this.exited;
    const { captureError } = this;
    if (captureError) {
      throw new VaiderError('INTERNAL', `Recording ${this.file} failed: ${(captureError as Error).message}`, { file: this.file }, { cause: captureError });
    }
    if (code !== 0) throw new VaiderError('INTERNAL', `ffmpeg could not write ${this.file}: ${this.stderr.trim()}`, { file: this.file, code });
    return this.file;
  }
}
