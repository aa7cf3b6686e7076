import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ffmpegBinaries } from '../media/ffmpeg-binaries.js';

const require = createRequire(import.meta.url);

/**
 * Playwright records video by piping frames into its own ffmpeg build, which it downloads, and
 * downloads are impossible offline. Any ffmpeg with libvpx works in its place, so the one a registry
 * package ships is linked where Playwright looks: `<browsers path>/ffmpeg-<revision>/ffmpeg-linux`.
 * Returns the browsers path to set as PLAYWRIGHT_BROWSERS_PATH before Playwright starts.
 */
export async function preparePlaywrightVideoFfmpeg(browsersPath: string): Promise<string> {
  const browsersJson = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'browsers.json');
  const { browsers } = JSON.parse(await readFile(browsersJson, 'utf8')) as { browsers: Array<{ name: string; revision: string }> };
  const revision = browsers.find((b) => b.name === 'ffmpeg')?.revision;
  if (!revision) throw new Error(`playwright-core's browsers.json names no ffmpeg revision (${browsersJson}).`);
  const dir = path.join(browsersPath, `ffmpeg-${revision}`);
  const link = path.join(dir, 'ffmpeg-linux');
  if (!existsSync(link)) {
    await mkdir(dir, { recursive: true });
    await symlink(ffmpegBinaries().ffmpeg, link);
  }
  return browsersPath;
}
