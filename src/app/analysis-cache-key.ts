import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 of a file's content, streamed so a long video is never held in memory. */
export async function contentHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Same content analysed the same way gives the same answer: the key covers the bytes (not the name,
 * so a rewritten file is analysed again) and every parameter that changes the result.
 */
export function analysisCacheKey(hash: string, parameters: Record<string, unknown>): string {
  return createHash('sha256').update(hash).update(JSON.stringify(parameters)).digest('hex');
}
