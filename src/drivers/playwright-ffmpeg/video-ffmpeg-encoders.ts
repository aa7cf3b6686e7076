import { runProcess } from '../../media/run-process.js';

/**
 * Playwright pipes screencast frames into ffmpeg and encodes webm with libvpx: VP9 (`libvpx-vp9`) since
 * 1.5x, VP8 (`libvpx`) before. Any libvpx build has both, so both are required.
 */
export const PLAYWRIGHT_VIDEO_ENCODERS = ['libvpx', 'libvpx-vp9'] as const;

export type VideoFfmpegCheck = { ok: true } | { ok: false; problem: string };

/** Runs `ffmpeg -hide_banner -encoders`, so a broken link or a build without libvpx shows now, not at the first recording. */
export async function checkVideoFfmpeg(ffmpeg: string): Promise<VideoFfmpegCheck> {
  let listing: string;
  try {
    const run = await runProcess(ffmpeg, ['-hide_banner', '-encoders']);
    if (run.code !== 0) return { ok: false, problem: `"${ffmpeg} -encoders" exited with code ${run.code}: ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
    listing = run.stdout.toString('utf8');
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  // Lines look like " V..... libvpx-vp9           libvpx VP9 (codec vp9)": flags, then the encoder name.
  const encoders = new Set(listing.split('\n').map((line) => line.trim().split(/\s+/)[1]));
  const missing = PLAYWRIGHT_VIDEO_ENCODERS.filter((name) => !encoders.has(name));
  return missing.length === 0 ? { ok: true } : { ok: false, problem: `${ffmpeg} has no ${missing.join(' or ')} encoder, which Playwright records video with.` };
}
