import { execFile } from 'node:child_process';
import { copyFile, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionsDirFor } from '../src/interactions/interaction-log.js';
import { startDaemon, vaiderIn } from './helpers/daemon.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';

const run = promisify(execFile);

/**
 * A full disk, for real: a small tmpfs holds the project, its store and its videos. Mounting needs
 * root (or a user namespace); where it is refused, the tests say so and skip.
 */
const DISK_MB = 8;

let scratch: string;
let cleanup: () => Promise<void>;
let disk: string;
let mountRefused: string | undefined;
let videos: string[];

beforeAll(async () => {
  ({ dir: scratch, cleanup } = await scratchDir('vaider-full-disk-'));
  videos = await Promise.all([1, 2].map((n) => makeVideo(path.join(scratch, `login-${n}.mp4`), LOGIN_FLOW)));
  disk = path.join(scratch, 'disk');
  await mkdir(disk);
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}m`, 'tmpfs', disk]);
  } catch (error) {
    mountRefused = (error as { stderr?: string }).stderr?.trim() || String(error);
  }
});
afterAll(async () => {
  if (!mountRefused) await run('umount', ['-l', disk]).catch(() => undefined);
  await cleanup();
});

/** Fills the disk to the last byte. */
async function fill(): Promise<string> {
  const filler = path.join(disk, 'filler.bin');
  const file = await open(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) await file.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await file.close();
  }
  return filler;
}

describe('a full disk', () => {
  it('is a coded result, not a crash: the watcher says DISK_FULL, keeps running, and analyses again once there is room', { timeout: 120_000 }, async (ctx) => {
    if (mountRefused) ctx.skip(`mounting a tmpfs was refused here (${mountRefused}); the full-disk test needs it`);
    const project = path.join(disk, 'project');
    await mkdir(path.join(project, 'test-output'), { recursive: true });
    await writeFile(path.join(project, 'VaiderRules.json'), JSON.stringify({ max_error_retries: 0 }));
    const daemon = await startDaemon(project, ['watch']);
    let filler: string | undefined;
    try {
      const first = path.join(project, 'test-output', 'first.mp4');
      // The video arrives whole, then the disk fills before the watcher sees it stop changing.
      await copyFile(videos[0]!, first);
      filler = await fill();
      await expect.poll(() => daemon.stderr(), { timeout: 30_000 }).toMatch(/first\.mp4: DISK_FULL: The disk is full/);
      expect(daemon.stderr()).not.toMatch(/\n\s+at /);
      expect(daemon.child.exitCode).toBeNull();

      // Room again: the daemon, still running, takes the next video, and tries the first one again.
      await rm(filler);
      filler = undefined;
      await copyFile(videos[1]!, path.join(project, 'test-output', 'second.mp4'));
      for (const name of ['second', 'first']) {
        await expect.poll(() => daemon.stderr(), { timeout: 60_000 }).toMatch(new RegExp(`${name}\\.mp4: (DESCRIBED|MATCH|MISMATCH|UNCERTAIN)`));
      }
      expect(daemon.child.exitCode).toBeNull();

      // The failed attempt is not left "analyzing".
      const status = JSON.parse(await readFile(path.join(interactionsDirFor(first), 'status.json'), 'utf8').catch(() => '{}')) as { state?: string };
      expect(status.state).not.toBe('analyzing');
    } finally {
      if (filler) await rm(filler);
      await daemon.stop();
    }
  });

  it('gives the CLI a coded line and exit 2, never a stack trace', { timeout: 60_000 }, async (ctx) => {
    if (mountRefused) ctx.skip(`mounting a tmpfs was refused here (${mountRefused}); the full-disk test needs it`);
    const project = path.join(disk, 'cli');
    await mkdir(project);
    const video = path.join(project, 'login.mp4');
    await copyFile(videos[0]!, video);
    const filler = await fill();
    try {
      const result = await vaiderIn(project, 'analyze', 'login.mp4', '--root', project);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(/^vaider: DISK_FULL: The disk is full/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(filler);
    }
  });
});
