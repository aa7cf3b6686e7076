import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ffmpegBinaries } from '../../src/media/ffmpeg-binaries.js';
import { runProcess } from '../../src/media/run-process.js';

/** Generated test media: lavfi colour sources plus drawtext, so every fixture has a known truth. */

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
];

export const FONT = FONT_CANDIDATES.find((f) => existsSync(f)) ?? FONT_CANDIDATES[0]!;

export interface TextSpec {
  text: string;
  x: number;
  y: number;
  size?: number;
  /** ffmpeg colour: a name or 0xRRGGBB */
  color?: string;
}

export interface BoxSpec {
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
}

export interface ScreenSpec {
  background: string;
  boxes?: BoxSpec[];
  texts?: TextSpec[];
}

export interface TimedScreen {
  screen: ScreenSpec;
  start: number;
  end: number;
}

export type VideoCodec = 'h264' | 'vp8' | 'vp9';

export interface VideoOptions {
  width?: number;
  height?: number;
  fps?: number;
  codec?: VideoCodec;
  /** mp4 only: put the index (moov) before the frames, as streaming encoders do. */
  faststart?: boolean;
}

/** A scratch folder removed by the returned cleanup. */
export async function scratchDir(prefix = 'vaider-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

let textFileCounter = 0;
let textDir: Promise<string> | undefined;

/**
 * drawtext reads text from a file, so quotes, commas and colons in the text need no filter escaping;
 * the files live in a folder of their own whose path needs none either.
 */
async function screenFilters(screen: ScreenSpec, enable?: string): Promise<string[]> {
  textDir ??= mkdtemp(path.join(tmpdir(), 'vaider-text-'));
  const dir = await textDir;
  const when = enable ? `:enable='${enable}'` : '';
  const filters: string[] = [];
  if (enable) {
    filters.push(`drawbox=x=0:y=0:w=iw:h=ih:color=${screen.background}:t=fill${when}`);
  }
  for (const b of screen.boxes ?? []) {
    filters.push(`drawbox=x=${b.x}:y=${b.y}:w=${b.w}:h=${b.h}:color=${b.color}:t=fill${when}`);
  }
  for (const t of screen.texts ?? []) {
    const file = path.join(dir, `text-${process.pid}-${textFileCounter++}.txt`);
    await writeFile(file, t.text);
    filters.push(
      `drawtext=fontfile=${FONT}:textfile=${file}:fontsize=${t.size ?? 32}:fontcolor=${t.color ?? 'black'}:x=${t.x}:y=${t.y}${when}`,
    );
  }
  return filters;
}

async function ffmpeg(args: string[]): Promise<void> {
  const { ffmpeg: bin } = ffmpegBinaries();
  const result = await runProcess(bin, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  if (result.code !== 0) throw new Error(`ffmpeg failed: ${result.stderr}`);
}

/**
 * Test files ask for the same few fixtures again and again (the login flow above all); each is encoded
 * once per machine and copied after that. The key is the whole recipe, so a changed fixture, font or
 * codec setting is a new file; bump the folder's number when the way fixtures are drawn changes.
 */
const FIXTURE_CACHE = path.join(tmpdir(), 'vaider-fixture-cache-1');

async function fromCache(file: string, recipe: unknown, make: (out: string) => Promise<void>): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify([recipe, FONT, ffmpegBinaries().ffmpeg])).digest('hex').slice(0, 32);
  const ext = path.extname(file);
  const cached = path.join(FIXTURE_CACHE, `${key}${ext}`);
  if (!existsSync(cached)) {
    await mkdir(FIXTURE_CACHE, { recursive: true });
    // ffmpeg picks the container from the extension, so the part file keeps it; the rename publishes it whole.
    const part = path.join(FIXTURE_CACHE, `${key}.${process.pid}-${randomBytes(4).toString('hex')}.part${ext}`);
    await make(part);
    await rename(part, cached);
  }
  await copyFile(cached, file);
  return file;
}

export async function makeScreenshot(file: string, screen: ScreenSpec, width = 1280, height = 720): Promise<string> {
  return fromCache(file, { screenshot: screen, width, height }, async (out) => {
    const filters = await screenFilters(screen);
    const source = `color=c=${screen.background}:s=${width}x${height}:d=1`;
    await ffmpeg(['-f', 'lavfi', '-i', [source, ...filters].join(','), '-frames:v', '1', out]);
  });
}

const CODEC_ARGS: Record<VideoCodec, string[]> = {
  h264: ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
  vp8: ['-c:v', 'libvpx', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8'],
  vp9: ['-c:v', 'libvpx-vp9', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8'],
};

/** A video showing each screen from `start` to `end` seconds. */
export async function makeVideo(file: string, screens: TimedScreen[], options: VideoOptions = {}): Promise<string> {
  const { width = 1280, height = 720, fps = 25, codec = 'h264', faststart = false } = options;
  return fromCache(file, { video: screens, width, height, fps, codec: CODEC_ARGS[codec], faststart }, async (out) => {
    const duration = Math.max(...screens.map((s) => s.end));
    const filters: string[] = [];
    for (const s of screens) {
      filters.push(...(await screenFilters(s.screen, `gte(t,${s.start})*lt(t,${s.end})`)));
    }
    const source = `color=c=white:s=${width}x${height}:r=${fps}:d=${duration}`;
    const layout = faststart ? ['-movflags', '+faststart'] : [];
    await ffmpeg(['-f', 'lavfi', '-i', [source, ...filters].join(','), ...CODEC_ARGS[codec], ...layout, out]);
  });
}

const BLUE = '0x1a73e8';
const RED = '0xd93025';
const NAVY = '0x202124';

export const LOGIN_SCREEN: ScreenSpec = {
  background: 'white',
  boxes: [{ x: 440, y: 420, w: 400, h: 72, color: BLUE }],
  texts: [
    { text: 'Sign in to continue', x: 440, y: 120, size: 44 },
    { text: 'Email: alice@example.com', x: 440, y: 230, size: 28, color: '0x333333' },
    { text: 'Password: ********', x: 440, y: 300, size: 28, color: '0x333333' },
    { text: 'Sign In', x: 580, y: 438, size: 34, color: 'white' },
  ],
};

export const LOGIN_ERROR_SCREEN: ScreenSpec = {
  ...LOGIN_SCREEN,
  boxes: [...(LOGIN_SCREEN.boxes ?? []), { x: 440, y: 540, w: 400, h: 64, color: RED }],
  texts: [...(LOGIN_SCREEN.texts ?? []), { text: 'Invalid password', x: 500, y: 555, size: 30, color: 'white' }],
};

export const WELCOME_SCREEN: ScreenSpec = {
  background: 'white',
  boxes: [{ x: 0, y: 0, w: 1280, h: 96, color: NAVY }],
  texts: [
    { text: 'Dashboard', x: 40, y: 28, size: 36, color: 'white' },
    { text: 'Welcome, Alice', x: 440, y: 300, size: 56 },
    { text: 'You have 3 new messages', x: 440, y: 400, size: 30, color: '0x333333' },
  ],
};

/** The login flow used across tests: login form, a failed attempt, then the welcome page. */
export const LOGIN_FLOW: TimedScreen[] = [
  { screen: LOGIN_SCREEN, start: 0, end: 2 },
  { screen: LOGIN_ERROR_SCREEN, start: 2, end: 4 },
  { screen: WELCOME_SCREEN, start: 4, end: 6 },
];
