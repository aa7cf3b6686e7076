import { createOcrEngine } from '../src/vision/ocr/ocr-engine.js';
import { readVideo } from '../src/vision/timeline/read-video.js';
import { DEFAULT_KEYFRAME_SETTINGS } from '../tests/helpers/settings.js';
import { workDir } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

/** The keyframes of the 60 s bench video, as PNG paths. */
export async function keyframesOfBenchVideo(): Promise<string[]> {
  const video = await benchVideo(60, 12);
  const engine = createOcrEngine();
  try {
    const result = await readVideo(video.file, await workDir('ocr-keyframes'), DEFAULT_KEYFRAME_SETTINGS, (image, signal) => engine.recognizeRgb(image, signal));
    return result.keyframes.map((k) => k.path);
  } finally {
    await engine.close();
  }
}
