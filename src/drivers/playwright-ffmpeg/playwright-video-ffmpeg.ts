import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { VaiderError } from '../../base/errors.js';
import { ffmpegBinaries } from '../../media/ffmpeg-binaries.js';
import { existingFfmpeg } from './existing-ffmpeg-link.js';
import { playwrightBrowsersPath } from './playwright-browsers-path.js';
import { playwrightCoreInstalls, type PlaywrightCoreInstall } from './playwright-core-installs.js';
import { checkVideoFfmpeg, type VideoFfmpegCheck } from './video-ffmpeg-encoders.js';

/** The name playwright-core gives its ffmpeg on Linux, inside `ffmpeg-<revision>/`. */
const LINUX_FFMPEG_NAME = 'ffmpeg-linux';

export type VideoFfmpegLinkAction = 'created' | 'unchanged' | 'replaced' | 'kept';

/** One place where Playwright looks for ffmpeg, and what was done there. */
export interface VideoFfmpegLink {
  /** `<browsers path>/ffmpeg-<revision>/ffmpeg-linux` */
  link: string;
  revision: string;
  /** The playwright-core versions that look there. */
  playwrightVersions: string[];
  /** The ffmpeg that was linked (or would have been, for `kept`). */
  ffmpeg: string;
  /** `kept`: a different file is there and `force` was not given. */
  action: VideoFfmpegLinkAction;
  /** How it was linked, when it was: a copy only where symlinks cannot be made. */
  method?: 'symlink' | 'copy';
  /** Where `force` moved the file it replaced. */
  backup?: string;
  /** Whether what is now at `link` can encode Playwright's video. */
  check: VideoFfmpegCheck;
}

export interface LinkVideoFfmpegOptions {
  ffmpeg: string;
  /** The project whose Playwright will record (default: the working folder). */
  projectDir?: string;
  /** Instead of PLAYWRIGHT_BROWSERS_PATH or Playwright's default cache. */
  browsersPath?: string;
  /** Replace a different file at the link, keeping it as `<link>.bak`. */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

interface LinkPlan {
  link: string;
  revision: string;
  playwrightVersions: string[];
}

/** Copies of playwright-core with the same revision and browsers path share one link. */
function planLinks(installs: PlaywrightCoreInstall[], options: LinkVideoFfmpegOptions, projectDir: string): LinkPlan[] {
  const plans = new Map<string, LinkPlan>();
  for (const install of installs) {
    const browsersPath = options.browsersPath
      ? path.resolve(projectDir, options.browsersPath)
      : playwrightBrowsersPath(install.dir, options.env ?? process.env, projectDir);
    const link = path.join(browsersPath, `ffmpeg-${install.ffmpegRevision}`, LINUX_FFMPEG_NAME);
    const plan = plans.get(link) ?? { link, revision: install.ffmpegRevision, playwrightVersions: [] };
    if (!plan.playwrightVersions.includes(install.version)) plan.playwrightVersions.push(install.version);
    plans.set(link, plan);
  }
  return [...plans.values()];
}

const SYMLINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Made under a temporary name and renamed into place, so Playwright never sees half a copy. */
async function placeFfmpeg(ffmpeg: string, link: string, backup: string | undefined): Promise<'symlink' | 'copy'> {
  const temp = `${link}.${randomBytes(4).toString('hex')}.tmp`;
  let method: 'symlink' | 'copy' = 'symlink';
  try {
    try {
      await symlink(ffmpeg, temp);
    } catch (error) {
      if (!SYMLINK_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      method = 'copy';
      await copyFile(ffmpeg, temp);
      await chmod(temp, 0o755);
    }
    if (backup) await rename(link, backup);
    await rename(temp, link);
    return method;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function applyPlan(plan: LinkPlan, ffmpeg: string, force: boolean): Promise<Omit<VideoFfmpegLink, 'check'>> {
  const done = { ...plan, ffmpeg };
  const existing = await existingFfmpeg(plan.link, ffmpeg);
  if (existing === 'same') return { ...done, action: 'unchanged' };
  if (existing === 'different' && !force) return { ...done, action: 'kept' };
  // A broken symlink cannot be anybody's working ffmpeg, so it is replaced without --force.
  const backup = existing === 'different' ? `${plan.link}.bak` : undefined;
  try {
    await mkdir(path.dirname(plan.link), { recursive: true });
    if (existing === 'broken-link') await rm(plan.link);
    const method = await placeFfmpeg(ffmpeg, plan.link, backup);
    return { ...done, action: existing === 'absent' ? 'created' : 'replaced', method, ...(backup && { backup }) };
  } catch (error) {
    throw new VaiderError(
      'INTERNAL',
      `Could not link ${plan.link}: ${(error as Error).message}. Choose a writable folder with --browsers-path or PLAYWRIGHT_BROWSERS_PATH.`,
      { link: plan.link },
      { cause: error },
    );
  }
}

/**
 * Playwright records video by piping frames into its own ffmpeg build, which it downloads, and
 * downloads are impossible offline. Any ffmpeg with libvpx works in its place, so an ffmpeg that is
 * already here is linked where each playwright-core the project uses looks for it:
 * `<browsers path>/ffmpeg-<revision>/ffmpeg-linux`. Running it again changes nothing; a different file
 * already there is kept unless `force`. Every link is then run, so a broken one shows now.
 */
export async function linkPlaywrightVideoFfmpeg(options: LinkVideoFfmpegOptions): Promise<VideoFfmpegLink[]> {
  if (process.platform !== 'linux') {
    throw new VaiderError('BAD_ARGUMENT', `Linking ffmpeg for Playwright is for Linux; on ${process.platform} run "npx playwright install ffmpeg".`);
  }
  const ffmpeg = path.resolve(options.ffmpeg);
  const usable = await checkVideoFfmpeg(ffmpeg);
  if (!usable.ok) throw new VaiderError('FFMPEG_NOT_FOUND', usable.problem, { ffmpeg });

  const projectDir = path.resolve(options.projectDir ?? process.cwd());
  const plans = planLinks(await playwrightCoreInstalls(projectDir), options, projectDir);
  const links: VideoFfmpegLink[] = [];
  for (const plan of plans) {
    const done = await applyPlan(plan, ffmpeg, options.force ?? false);
    links.push({ ...done, check: await checkVideoFfmpeg(done.link) });
  }
  return links;
}

/**
 * For code that drives Playwright itself (examples, tests): links the ffmpeg Vaider ships under
 * `browsersPath` and returns it, to set as PLAYWRIGHT_BROWSERS_PATH before Playwright loads.
 */
export async function preparePlaywrightVideoFfmpeg(browsersPath: string, projectDir = process.cwd()): Promise<string> {
  const links = await linkPlaywrightVideoFfmpeg({ ffmpeg: ffmpegBinaries().ffmpeg, browsersPath, projectDir });
  for (const { link, check } of links) {
    if (!check.ok) throw new VaiderError('FFMPEG_NOT_FOUND', `${link}: ${check.problem}`, { link });
  }
  return browsersPath;
}
