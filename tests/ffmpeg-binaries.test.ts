import { describe, expect, it } from 'vitest';
import { ffmpegBinaries } from '../src/media/ffmpeg-binaries.js';
import { VaiderError } from '../src/base/errors.js';

describe('locating ffmpeg and ffprobe', () => {
  it('uses the binaries the registry packages ship by default', () => {
    const found = ffmpegBinaries({});
    expect(found.ffmpeg).toMatch(/@ffmpeg-installer/);
    expect(found.ffprobe).toMatch(/@ffprobe-installer/);
  });

  it('prefers an environment override', () => {
    const shipped = ffmpegBinaries({});
    const found = ffmpegBinaries({ VAIDER_FFMPEG_PATH: shipped.ffprobe, FFPROBE_PATH: shipped.ffmpeg });
    expect(found).toEqual({ ffmpeg: shipped.ffprobe, ffprobe: shipped.ffmpeg });
  });

  it('names the variable when the override is not an executable', () => {
    const attempt = () => ffmpegBinaries({ VAIDER_FFPROBE_PATH: '/nonexistent/ffprobe' });
    expect(attempt).toThrow(VaiderError);
    expect(attempt).toThrow(/VAIDER_FFPROBE_PATH points to \/nonexistent\/ffprobe/);
  });
});
