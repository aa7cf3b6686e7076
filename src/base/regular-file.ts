import { constants, type BigIntStats, type Stats } from 'node:fs';
import { lstat, open, stat, type FileHandle } from 'node:fs/promises';
import { VaiderError } from './errors.js';

// Windows has no such flag; there a FIFO cannot sit at a path, so nothing is lost.
const { O_RDONLY, O_NONBLOCK = 0 } = constants;

function whatItIs(info: Stats | BigIntStats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Only regular files are analyzed. Opening a named pipe blocks until someone writes to it, on one of
 * the few threads Node has for file work; opening a device can have effects of its own. `shownAs` is
 * the path as the caller gave it, for the message.
 */
export function assertRegularFile(info: Stats | BigIntStats, shownAs: string): void {
  if (info.isFile()) return;
  if (info.isDirectory()) {
    throw new VaiderError('INPUT_IS_DIRECTORY', `${shownAs} is a directory; give a video or screenshot file.`, { path: shownAs });
  }
  throw new VaiderError('INPUT_NOT_REGULAR', `${shownAs} is ${whatItIs(info)}, not a file; only regular files are analyzed.`, {
    path: shownAs,
  });
}

async function regularFileStats(file: string, shownAs: string, look: typeof stat): Promise<Stats> {
  let info: Stats;
  try {
    info = await look(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new VaiderError('INPUT_NOT_FOUND', `${shownAs} does not exist.`, { path: shownAs });
    }
    throw error;
  }
  assertRegularFile(info, shownAs);
  return info;
}

/**
 * For a real path (symlinks resolved inside the allowed roots): lstat, so a link put there since is
 * refused too, and nothing that is not a regular file is ever opened.
 */
export function lstatRegularFile(file: string, shownAs = file): Promise<Stats> {
  return regularFileStats(file, shownAs, lstat);
}

/**
 * Opens a file for reading only if it is a regular file, and never waits doing so. The caller has
 * checked the path against the allowed roots. Whatever replaces the file between the stat and the open
 * cannot block either: O_NONBLOCK opens a pipe at once, and the fstat of what was opened refuses it.
 */
export async function openRegularFile(file: string, shownAs = file): Promise<FileHandle> {
  await regularFileStats(file, shownAs, stat);
  let handle: FileHandle;
  try {
    handle = await open(file, O_RDONLY | O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VaiderError('INPUT_NOT_FOUND', `${shownAs} does not exist.`, { path: shownAs });
    // A socket put there since cannot be opened at all.
    if (code === 'ENXIO') {
      throw new VaiderError('INPUT_NOT_REGULAR', `${shownAs} changed into something other than a file while being opened.`, { path: shownAs });
    }
    throw error;
  }
  try {
    assertRegularFile(await handle.stat(), shownAs);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
