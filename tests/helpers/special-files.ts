import { closeSync, constants, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { runProcess } from '../../src/media/run-process.js';

/** A named pipe at `file` (mkfifo, run without a shell). */
export async function makeFifo(file: string): Promise<string> {
  const result = await runProcess('mkfifo', ['--', file]);
  if (result.code !== 0) throw new Error(`mkfifo failed: ${result.stderr}`);
  return file;
}

/**
 * Opens and closes the pipe for writing, so a reader stuck opening it (the defect under test) gets
 * end-of-file and its thread back. Synchronous on purpose: the thread pool may be the thing stuck.
 * With no reader waiting the open fails at once (ENXIO), which is the good case.
 */
export function releaseFifoReaders(file: string): void {
  try {
    closeSync(openSync(file, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // Nobody was waiting on it.
  }
}

/** A sparse file of `bytes` zero bytes: no data blocks are written, whatever its size. */
export async function makeSparseFile(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'w');
  try {
    await handle.truncate(bytes);
  } finally {
    await handle.close();
  }
  return file;
}
