import { VaiderError } from '../base/errors.js';
import { ffmpegBinaries } from './ffmpeg-binaries.js';
import { runProcess } from './run-process.js';

/**
 * Saves the frame shown at `time` (s) as a PNG of `width × height`: evidence for a moment that no
 * keyframe shows, when the keyframe cap left it out. Seeking before the input decodes only from the
 * nearest key frame, so this costs a fraction of a pass.
 */
export async function extractFrameAt(file: string, time: number, width: number, height: number, out: string, signal?: AbortSignal): Promise<void> {
  const { ffmpeg } = ffmpegBinaries();
  const result = await runProcess(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-ss', time.toFixed(3), '-i', file, '-frames:v', '1', '-vf', `scale=${width}:${height}`, '-f', 'image2', '-c:v', 'png', out],
    { signal },
  );
  if (result.code !== 0) {
    throw new VaiderError('INPUT_CORRUPT', `${file}: the frame at ${time.toFixed(2)} s could not be decoded.`, { file, time, ffmpeg: result.stderr.slice(-500) });
  }
}
