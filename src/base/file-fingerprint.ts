import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { hashRange } from './file-hash.js';
import { openRegularFile } from './regular-file.js';

/** Up to this size the whole content is hashed: about a tenth of a second, and exact. */
export const FULL_HASH_LIMIT = 64 * 1024 * 1024;
const SAMPLES = 64;
const SAMPLE_BYTES = 64 * 1024;

export interface FileFingerprint {
  /**
   * What the content is: the sha256 of every byte up to FULL_HASH_LIMIT (the same string as fileHash,
   * so records made before fingerprints still match), and above it `sampled:` and the sha256 of the
   * size and SAMPLES evenly spaced blocks, the first and the last included.
   */
  digest: string;
  /** Device, inode, size, mtime and ctime when it was taken: while they hold, so does the digest. */
  stamp: string;
}

function stampOf(info: BigIntStats): string {
  return [info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
}

/**
 * Identifies a file's content while reading at most FULL_HASH_LIMIT bytes of it, so a 16 GB file costs
 * what a 4 MB one does. The digest leaves out the name and the mtime on purpose: a copy of the same
 * bytes is the same content. It serves what only needs to know "seen before?": the run cache key, the
 * watcher's jobs and whether a re-run wrote a new video. The price: two large files of one size that
 * differ only between the sampled blocks look the same. An encoder never writes such a pair (its
 * headers, timestamps and index differ at the start and the end), and whoever can write a forged one
 * into the test folder can write any video there anyway. What must be exact and is small (images a
 * model is shown) takes fileHash.
 *
 * `known`, an earlier fingerprint of this file, is returned without reading a byte when its stamp
 * still holds. Take it only of a settled file: a write within the same timestamp tick as the one
 * before it would go unseen, the same evidence the write-finish rule trusts.
 */
export async function fingerprintFile(file: string, options: { signal?: AbortSignal; known?: FileFingerprint } = {}): Promise<FileFingerprint> {
  const { signal, known } = options;
  signal?.throwIfAborted();
  const handle = await openRegularFile(file);
  try {
    const info = await handle.stat({ bigint: true });
    const stamp = stampOf(info);
    if (known?.stamp === stamp) return known;
    const size = Number(info.size);
    const hash = createHash('sha256');
    if (size <= FULL_HASH_LIMIT) {
      await hashRange(handle, hash, 0, size, signal);
      return { digest: hash.digest('hex'), stamp };
    }
    hash.update(`size ${size}\n`);
    const step = (size - SAMPLE_BYTES) / (SAMPLES - 1);
    for (let i = 0; i < SAMPLES; i++) await hashRange(handle, hash, Math.floor(i * step), SAMPLE_BYTES, signal);
    return { digest: `sampled:${hash.digest('hex')}`, stamp };
  } finally {
    await handle.close();
  }
}
