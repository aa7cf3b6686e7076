import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright';
import { ffmpegBinaries } from '../../src/media/ffmpeg-binaries.js';
import { preparePlaywrightVideoFfmpeg } from '../../src/drivers/playwright-ffmpeg/playwright-video-ffmpeg.js';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../../src/drivers/system-chromium.js';

/**
 * Shared helper of the corpus recorders: serves an app folder that was fetched or installed outside
 * the project on 127.0.0.1, drives it in Debian's Chromium with Playwright's video recorder, and
 * writes the clip into tests/corpus/ (as .webm, or converted to .mp4 with the bundled ffmpeg).
 * The apps themselves are never part of the project: each recorder takes their folder as an argument.
 */

export const CORPUS_DIR = path.join(import.meta.dirname, '..', '..', 'tests', 'corpus');

/** A URL prefix served from a folder, e.g. { prefix: '/dist/', dir: '/tmp/corpus-apps/node_modules/notyf' }. */
export interface Mount {
  prefix: string;
  dir: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
};

/** A tiny static server: the longest matching prefix wins; a folder serves its index.html. */
export async function serveStatic(mounts: Mount[]): Promise<{ origin: string; server: Server }> {
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const pathname = decodeURIComponent(url.pathname);
      const mount = sorted.find((m) => pathname.startsWith(m.prefix));
      if (!mount) return void res.writeHead(404).end();
      let file = path.join(mount.dir, pathname.slice(mount.prefix.length));
      if (!file.startsWith(path.resolve(mount.dir))) return void res.writeHead(403).end();
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        await stat(file);
      } catch {
        return void res.writeHead(404).end();
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

export interface RecordOptions {
  /** File name inside tests/corpus/, ending in .webm or .mp4. */
  name: string;
  viewport: { width: number; height: number };
  mounts: Mount[];
  /** Drives the page; `origin` is the static server's. */
  drive: (page: Page, origin: string, mark: (label: string) => void) => Promise<void>;
  deviceScaleFactor?: number;
  isMobile?: boolean;
  colorScheme?: 'light' | 'dark';
}

/** The app folder given as the first argument or in the named environment variable. */
export function appDir(envName: string, example: string): string {
  const dir = process.argv[2] ?? process.env[envName];
  if (!dir) {
    console.error(`usage: npx tsx ${path.relative(process.cwd(), process.argv[1] ?? '')} <app folder>   (or ${envName}=...), e.g. ${example}`);
    process.exit(2);
  }
  return path.resolve(dir);
}

const run = promisify(execFile);

/**
 * Records one clip. Every request that leaves 127.0.0.1 is aborted, so a demo page's web fonts or
 * analytics cannot stall it offline. Marks (ms since the page was opened, which is when the video
 * starts) go to <name>.marks.json in the temp folder: a help for labelling, never a label.
 */
export async function recordClip(options: RecordOptions): Promise<string> {
  process.env.PLAYWRIGHT_BROWSERS_PATH = await preparePlaywrightVideoFfmpeg(path.join(os.tmpdir(), 'vaider-playwright'), import.meta.dirname);
  const { chromium } = await import('playwright');
  const { origin, server } = await serveStatic(options.mounts);
  const workDir = path.join(os.tmpdir(), 'vaider-corpus-recording', path.parse(options.name).name);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  await mkdir(CORPUS_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
  const marks: { label: string; ms: number }[] = [];
  try {
    const context = await browser.newContext({
      viewport: options.viewport,
      recordVideo: { dir: workDir, size: options.viewport },
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
      isMobile: options.isMobile ?? false,
      hasTouch: options.isMobile ?? false,
      colorScheme: options.colorScheme ?? 'light',
    });
    await context.route(/^(?!http:\/\/127\.0\.0\.1[:/]).*/, (route) => route.abort());
    const page = await context.newPage();
    const start = Date.now();
    const mark = (label: string) => marks.push({ label, ms: Date.now() - start });
    await options.drive(page, origin, mark);
    const video = page.video();
    await context.close();
    const webm = await video!.path();
    const out = path.join(CORPUS_DIR, options.name);
    if (options.name.endsWith('.mp4')) {
      const { ffmpeg } = ffmpegBinaries();
      await run(ffmpeg, ['-y', '-loglevel', 'error', '-i', webm, '-c:v', 'libx264', '-crf', '28', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-an', out]);
      await rm(webm);
    } else {
      await rename(webm, out);
    }
    await writeFile(path.join(os.tmpdir(), 'vaider-corpus-recording', `${options.name}.marks.json`), JSON.stringify(marks, null, 1));
    console.log(`${path.relative(process.cwd(), out)}: ${(await stat(out)).size} bytes, ${marks.length} marks`);
    return out;
  } finally {
    await browser.close();
    server.close();
  }
}

/** Types like a person: one key at a time with a little jitter. */
export async function typeSlowly(page: Page, text: string, meanDelay = 90): Promise<void> {
  for (const ch of text) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(meanDelay * (0.6 + Math.random() * 0.8));
  }
}
