import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { VaiderError } from '../../base/errors.js';

/** One installed copy of playwright-core, and the ffmpeg build it expects to find. */
export interface PlaywrightCoreInstall {
  /** The package folder, symlinks resolved. */
  dir: string;
  version: string;
  /** The `ffmpeg` revision of its browsers.json: the `<rev>` in `ffmpeg-<rev>/`. */
  ffmpegRevision: string;
}

/**
 * The routes by which a project reaches playwright-core. @playwright/test and playwright pin their own
 * playwright-core, which may be a nested copy of a different version than a top-level one.
 */
const ROUTES = [['playwright-core'], ['playwright', 'playwright-core'], ['@playwright/test', 'playwright', 'playwright-core']];

function resolveRoute(fromFile: string, route: readonly string[]): string | undefined {
  let from = fromFile;
  for (const name of route) {
    try {
      from = createRequire(from).resolve(`${name}/package.json`);
    } catch {
      return undefined;
    }
  }
  return path.dirname(from);
}

function coreDirsFrom(fromFile: string): string[] {
  const dirs = ROUTES.map((route) => resolveRoute(fromFile, route)).filter((dir): dir is string => dir !== undefined);
  return [...new Set(dirs)];
}

async function readInstall(dir: string): Promise<PlaywrightCoreInstall> {
  const browsersJson = path.join(dir, 'browsers.json');
  const [pkg, browsers] = await Promise.all([
    readFile(path.join(dir, 'package.json'), 'utf8').then((text) => JSON.parse(text) as { version: string }),
    readFile(browsersJson, 'utf8').then((text) => JSON.parse(text) as { browsers: Array<{ name: string; revision: string }> }),
  ]);
  const ffmpegRevision = browsers.browsers.find((b) => b.name === 'ffmpeg')?.revision;
  if (!ffmpegRevision) throw new VaiderError('INTERNAL', `${browsersJson} names no ffmpeg revision.`, { file: browsersJson });
  return { dir, version: pkg.version, ffmpegRevision };
}

/**
 * The playwright-core copies the project in `projectDir` resolves, since those are what will record;
 * Vaider's own when the project has none (running Vaider's examples, or a project without Playwright yet).
 */
export async function playwrightCoreInstalls(projectDir: string): Promise<PlaywrightCoreInstall[]> {
  let dirs = coreDirsFrom(path.join(path.resolve(projectDir), 'package.json'));
  if (dirs.length === 0) dirs = coreDirsFrom(import.meta.filename);
  if (dirs.length === 0) {
    throw new VaiderError('BAD_ARGUMENT', `No Playwright is installed for ${projectDir}: install @playwright/test there first.`, { projectDir });
  }
  return Promise.all(dirs.map(readInstall));
}
