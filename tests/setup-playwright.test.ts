import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupCommand } from '../src/cli/setup-command.js';
import { linkPlaywrightVideoFfmpeg } from '../src/drivers/playwright-ffmpeg/playwright-video-ffmpeg.js';
import { ffmpegBinaries } from '../src/media/ffmpeg-binaries.js';
import { runProcess } from '../src/media/run-process.js';
import { playwrightBrowsersPath } from '../src/drivers/playwright-ffmpeg/playwright-browsers-path.js';
import { scratchDir } from './helpers/media-fixtures.js';

const REPO = path.join(import.meta.dirname, '..');

/** Read here independently of the code under test: the revision the installed playwright-core downloads. */
let revision: string;
beforeAll(async () => {
  const core = path.dirname(createRequire(path.join(REPO, 'package.json')).resolve('playwright-core/package.json'));
  const { browsers } = JSON.parse(await readFile(path.join(core, 'browsers.json'), 'utf8')) as { browsers: Array<{ name: string; revision: string }> };
  revision = browsers.find((b) => b.name === 'ffmpeg')!.revision;
});

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-setup-playwright-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const ffmpeg = () => ffmpegBinaries().ffmpeg;
const linkPath = () => path.join(dir, `ffmpeg-${revision}`, 'ffmpeg-linux');
const link = (force = false) => linkPlaywrightVideoFfmpeg({ ffmpeg: ffmpeg(), browsersPath: dir, projectDir: REPO, force });

async function putFile(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content, { mode: 0o755 });
}

describe('linking an ffmpeg where Playwright looks for its own', () => {
  it('links the installed revision to the bundled ffmpeg, which can encode Playwright video', async () => {
    const [result, ...others] = await link();
    expect(others).toEqual([]);
    expect(result).toMatchObject({ link: linkPath(), revision, action: 'created', method: 'symlink', ffmpeg: ffmpeg(), check: { ok: true } });
    expect(await readlink(linkPath())).toBe(ffmpeg());

    const encoders = (await runProcess(linkPath(), ['-hide_banner', '-encoders'])).stdout.toString('utf8');
    expect(encoders).toMatch(/^\s*V\S*\s+libvpx\s/m);
    expect(encoders).toMatch(/^\s*V\S*\s+libvpx-vp9\s/m);
  });

  it('leaves a correct link alone when run again', async () => {
    await link();
    const before = await lstat(linkPath());
    const [again] = await link();
    expect(again).toMatchObject({ action: 'unchanged', check: { ok: true } });
    expect((await lstat(linkPath())).ino).toBe(before.ino);
  });

  it('keeps a different file without --force, and replaces it with --force, keeping a backup', async () => {
    await putFile(linkPath(), '#!/bin/sh\necho not ffmpeg\n');

    const [kept] = await link();
    expect(kept!.action).toBe('kept');
    // What is there is what Playwright would run, and it cannot encode video: the result says so.
    expect(kept!.check).toMatchObject({ ok: false, problem: expect.stringContaining('libvpx') });
    expect(await readFile(linkPath(), 'utf8')).toContain('not ffmpeg');

    const [replaced] = await link(true);
    expect(replaced).toMatchObject({ action: 'replaced', backup: `${linkPath()}.bak`, check: { ok: true } });
    expect(await readlink(linkPath())).toBe(ffmpeg());
    expect(await readFile(`${linkPath()}.bak`, 'utf8')).toContain('not ffmpeg');
  });

  it('replaces a link whose target is gone without --force', async () => {
    await mkdir(path.dirname(linkPath()), { recursive: true });
    await symlink(path.join(dir, 'moved-away', 'ffmpeg'), linkPath());
    const [result] = await link();
    expect(result).toMatchObject({ action: 'replaced', check: { ok: true } });
    expect(result!.backup).toBeUndefined();
  });

  it('copies where symlinks cannot be made, and knows the copy again', async () => {
    vi.resetModules();
    vi.doMock('node:fs/promises', async (importOriginal) => ({
      ...(await importOriginal<typeof import('node:fs/promises')>()),
      symlink: () => Promise.reject(Object.assign(new Error('symlinks are not allowed here'), { code: 'EPERM' })),
    }));
    try {
      const { linkPlaywrightVideoFfmpeg: linkByCopy } = await import('../src/drivers/playwright-ffmpeg/playwright-video-ffmpeg.js');
      const options = { ffmpeg: ffmpeg(), browsersPath: dir, projectDir: REPO };
      expect((await linkByCopy(options))[0]).toMatchObject({ action: 'created', method: 'copy', check: { ok: true } });
      expect((await lstat(linkPath())).isSymbolicLink()).toBe(false);
      expect((await linkByCopy(options))[0]!.action).toBe('unchanged');
    } finally {
      vi.doUnmock('node:fs/promises');
      vi.resetModules();
    }
  });

  it('refuses an ffmpeg without libvpx before touching anything', async () => {
    const fake = path.join(dir, 'fake-ffmpeg');
    await putFile(fake, '#!/bin/sh\necho " V..... libx264 H.264"\n');
    await expect(linkPlaywrightVideoFfmpeg({ ffmpeg: fake, browsersPath: dir, projectDir: REPO })).rejects.toMatchObject({
      code: 'FFMPEG_NOT_FOUND',
      message: expect.stringContaining('libvpx'),
    });
    expect(existsSync(path.dirname(linkPath()))).toBe(false);
  });
});

describe('where Playwright looks', () => {
  const core = '/project/node_modules/playwright-core';

  it('honours PLAYWRIGHT_BROWSERS_PATH, with "0" meaning inside the package', () => {
    expect(playwrightBrowsersPath(core, { PLAYWRIGHT_BROWSERS_PATH: '/browsers' })).toBe('/browsers');
    expect(playwrightBrowsersPath(core, { PLAYWRIGHT_BROWSERS_PATH: 'rel' }, '/work')).toBe('/work/rel');
    expect(playwrightBrowsersPath(core, { PLAYWRIGHT_BROWSERS_PATH: '0' })).toBe(`${core}/.local-browsers`);
  });

  it('defaults to the user cache, respecting XDG_CACHE_HOME', () => {
    expect(playwrightBrowsersPath(core, { XDG_CACHE_HOME: '/cache' })).toBe('/cache/ms-playwright');
    expect(playwrightBrowsersPath(core, {})).toMatch(/\/\.cache\/ms-playwright$/);
  });
});

describe('vaider setup playwright', () => {
  function captureStdout(): string[] {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: string) => void lines.push(text));
    return lines;
  }

  // The command resolves Playwright from the working folder, which is the repository under vitest.
  it('prints one line per link, and JSON with --json', async () => {
    const lines = captureStdout();
    expect(await setupCommand(['playwright', '--browsers-path', dir])).toEqual({ exitCode: 0, json: false });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${linkPath()}  created → ${ffmpeg()}  \\(Playwright \\d+\\.\\d+\\.\\d+\\)$`))]);

    expect(await setupCommand(['playwright', '--browsers-path', dir, '--json'])).toEqual({ exitCode: 0, json: true });
    expect(JSON.parse(lines[1]!)).toEqual({
      links: [expect.objectContaining({ link: linkPath(), revision, action: 'unchanged', ok: true })],
      exit_code: 0,
    });
  });

  it('exits 1 when a different file that cannot record video is kept', async () => {
    captureStdout();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await putFile(linkPath(), '#!/bin/sh\n');
    expect(await setupCommand(['playwright', '--browsers-path', dir])).toEqual({ exitCode: 1, json: false });
  });

  it('knows only the playwright target', async () => {
    await expect(setupCommand(['selenium'])).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
