import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { openRegularFile } from './regular-file.js';

const CHUNK_BYTES = 1024 * 1024;

/** Feeds `length` bytes from `position` into `hash`, a chunk at a time, stopping when `signal` aborts. */
export async function hashRange(handle: FileHandle, hash: Hash, position: number, length: number, signal?: AbortSignal): Promise<void> {
  const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, length)));
  let done = 0;
  while (done < length) {
    signal?.throwIfAborted();
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, length - done), position + done);
    if (bytesRead === 0) return;
    hash.update(buffer.subarray(0, bytesRead));
    done += bytesRead;
  }
}

/**
 * sha256 of all of a file's bytes: exact, and as slow as the file is long, so only for what must be
 * exact and is small (images a model is shown). What identifies an input video is its fingerprint
 * (file-fingerprint.ts), which reads a bounded number of bytes.
 */
export async function fileHash(file: string, signal?: AbortSignal): Promise<string> {
  signal?.throwIfAborted();
  const handle = await openRegularFile(file);
  try {
    const hash = createHash('sha256');
    await hashRange(handle, hash, 0, Number.POSITIVE_INFINITY, signal);
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}
