import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { extractVideoKeyframes } from '../src/media/extract-keyframes.js';
import { DEFAULT_KEYFRAME_SETTINGS } from '../tests/helpers/settings.js';
import { ffmpeg, medianMs, ms, ratio, workDir } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

/** Keyframe extraction on a 60 s 720p video with 12 screens, against decode-only and the naive fps=1. */
export async function keyframesBench(): Promise<string[]> {
  const video = await benchVideo(60, 12);
  const out = await workDir('keyframes');
  const naiveDir = await workDir('naive');

  const decodeOnly = await medianMs(3, () => ffmpeg(['-i', video.file, '-f', 'null', '-']));
  let found: number[] = [];
  const vaider = await medianMs(3, async () => {
    const result = await extractVideoKeyframes(video.file, out, { ...DEFAULT_KEYFRAME_SETTINGS, contactSheet: false });
    found = result.keyframes.map((k) => k.time);
  });
  const naive = await medianMs(1, async () => {
    await rm(naiveDir, { recursive: true, force: true });
    await workDir('naive');
    await ffmpeg(['-i', video.file, '-vf', 'fps=1', path.join(naiveDir, '%04d.png')]);
  });
  const naiveFrames = (await readdir(naiveDir)).length;

  const captured = video.screenStarts.filter((s) => found.some((t) => Math.abs(t - s) <= 0.15)).length;
  const extra = found.length - captured;
  return [
    '### Keyframe extraction: 60 s, 1280×720 h264, 12 distinct screens',
    '',
    '| measure | time | vs decode-only |',
    '|---|---|---|',
    `| decode-only (\`ffmpeg -i … -f null -\`), the limit | ${ms(decodeOnly)} | 1.00× |`,
    `| Vaider keyframes (probe + sample + settle + ${found.length} PNGs) | ${ms(vaider)} | ${ratio(vaider, decodeOnly)} |`,
    `| naive \`fps=1\` to PNG files (${naiveFrames} frames) | ${ms(naive)} | ${ratio(naive, decodeOnly)} |`,
    '',
    `Screens captured: ${captured} of ${video.screenStarts.length}, extra frames: ${extra} (naive: ${naiveFrames} frames for ${video.screenStarts.length} screens). ` +
      `Target: ≤ 2× decode-only (${ratio(vaider, decodeOnly)}), every screen, ≤ 2 extra.`,
    '',
  ];
}
