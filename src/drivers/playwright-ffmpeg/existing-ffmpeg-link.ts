import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';

/**
 * What is already where Playwright looks for ffmpeg: nothing; the wanted binary (as a symlink to it or
 * a copy of it); a symlink whose target is gone; or something else, which may be Playwright's own download.
 */
export type ExistingFfmpeg = 'absent' | 'same' | 'broken-link' | 'different';

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [sizeA, sizeB] = await Promise.all([lstat(a).then((s) => s.size), lstat(b).then((s) => s.size)]);
  if (sizeA !== sizeB) return false;
  const [hashA, hashB] = await Promise.all([sha256(a), sha256(b)]);
  return hashA === hashB;
}

export async function existingFfmpeg(link: string, wanted: string): Promise<ExistingFfmpeg> {
  const info = await lstat(link).catch(() => undefined);
  if (!info) return 'absent';
  const wantedReal = await realpath(wanted);
  if (info.isSymbolicLink()) {
    const target = await realpath(link).catch(() => undefined);
    if (!target) return 'broken-link';
    return target === wantedReal ? 'same' : 'different';
  }
  // A copy: made where symlinks are not allowed.
  return info.isFile() && (await sameContent(link, wantedReal)) ? 'same' : 'different';
}
