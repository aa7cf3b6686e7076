import { extractImageKeyframe } from '../../media/image-keyframe.js';
import { writeKeyframeIndex } from '../../media/keyframe-files.js';
import type { KeyframeSettings } from '../../media/keyframe-types.js';
import type { OcrResult } from '../../screen/ocr-text.js';
import type { VideoReading } from './read-video.js';
import { stillTimeline } from './text-timeline.js';

/** A screenshot read the way a video is: one keyframe, and a timeline of one state. */
export async function readScreenshot(
  file: string,
  dir: string,
  settings: Pick<KeyframeSettings, 'maxDimension' | 'contactSheet'>,
  ocr: (path: string) => Promise<OcrResult>,
): Promise<VideoReading> {
  const { media, keyframe, warnings } = await extractImageKeyframe(file, dir, settings);
  const read = await ocr(keyframe.path);
  const timeline = stillTimeline(read.lines, read.illegible ?? []);
  const files = await writeKeyframeIndex(dir, media, [keyframe], warnings, settings.contactSheet);
  const shown = { index: keyframe.index, path: keyframe.path };
  return { ...files, media, timeline, warnings, frameAt: () => Promise.resolve(shown) };
}
