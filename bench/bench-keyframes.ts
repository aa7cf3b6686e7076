import { extractVideoKeyframes } from '../src/media/extract-keyframes.js';
import { DEFAULT_KEYFRAME_SETTINGS } from '../tests/helpers/settings.js';
import { workDir } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

/** The keyframes of the 60 s bench video, as PNG paths. */
export async function keyframesOfBenchVideo(): Promise<string[]> {
  const video = await benchVideo(60, 12);
  const result = await extractVideoKeyframes(video.file, await workDir('ocr-keyframes'), DEFAULT_KEYFRAME_SETTINGS);
  return result.keyframes.map((k) => k.path);
}
