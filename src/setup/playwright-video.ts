import { linkPlaywrightVideoFfmpeg, type LinkVideoFfmpegOptions, type VideoFfmpegLink } from '../drivers/playwright-ffmpeg/playwright-video-ffmpeg.js';
import { ffmpegBinaries } from '../media/ffmpeg-binaries.js';

export type { VideoFfmpegLink };

/**
 * `vaider setup playwright`: lets Playwright record video offline by linking an ffmpeg that is here
 * (by default the one @ffmpeg-installer/ffmpeg ships) where Playwright looks for the one it downloads.
 */
export function setUpPlaywrightVideo(options: Omit<LinkVideoFfmpegOptions, 'ffmpeg'> & { ffmpeg?: string }): Promise<VideoFfmpegLink[]> {
  return linkPlaywrightVideoFfmpeg({ ...options, ffmpeg: options.ffmpeg ?? ffmpegBinaries().ffmpeg });
}
