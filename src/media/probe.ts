import { VaiderError } from '../base/errors.js';
import { ffmpegBinaries } from './ffmpeg-binaries.js';
import { classifyFfmpegFailure } from './ffmpeg-errors.js';
import { runProcess } from './run-process.js';

export interface VideoProbe {
  /** Seconds; 0 when the container does not say. */
  duration: number;
  /** Display size, after rotation metadata is applied (ffmpeg auto-rotates when decoding). */
  width: number;
  height: number;
  codec: string;
  fps: number;
  container: string;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  tags?: { rotate?: string };
  side_data_list?: Array<{ rotation?: number }>;
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { duration?: string; format_name?: string };
}

function parseRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [num, den] = rate.split('/').map(Number);
  if (!num || !den) return 0;
  return num / den;
}

function rotation(stream: FfprobeStream): number {
  const fromSideData = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const degrees = fromSideData ?? Number(stream.tags?.rotate ?? 0);
  return Math.abs(degrees) % 180 === 90 ? 90 : 0;
}

export async function probeVideo(file: string, signal?: AbortSignal): Promise<VideoProbe> {
  const { ffprobe } = ffmpegBinaries();
  const result = await runProcess(
    ffprobe,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', file],
    { signal },
  );
  if (result.code !== 0) throw classifyFfmpegFailure(result.stderr, file, 'INPUT_NOT_MEDIA');

  let parsed: FfprobeOutput;
  try {
    parsed = JSON.parse(result.stdout.toString('utf8')) as FfprobeOutput;
  } catch {
    throw new VaiderError('INPUT_NOT_MEDIA', `${file}: ffprobe could not describe it.`, { file });
  }
  const video = parsed.streams?.find((s) => s.codec_type === 'video');
  if (!video) {
    throw new VaiderError('NO_DECODABLE_FRAMES', `${file}: it has no video stream.`, { file });
  }
  if (!video.codec_name || video.codec_name === 'none' || video.codec_name === 'unknown') {
    throw new VaiderError('UNSUPPORTED_CODEC', `${file}: its video codec is not recognised.`, { file });
  }
  if (!video.width || !video.height) {
    throw new VaiderError('INPUT_CORRUPT', `${file}: the video stream has no frame size.`, { file });
  }
  const turned = rotation(video) === 90;
  const duration = Number(parsed.format?.duration ?? video.duration ?? 0);
  return {
    duration: Number.isFinite(duration) ? duration : 0,
    width: turned ? video.height : video.width,
    height: turned ? video.width : video.height,
    codec: video.codec_name,
    fps: parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate),
    container: parsed.format?.format_name ?? 'unknown',
  };
}
