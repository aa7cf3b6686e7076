import { createHash } from 'node:crypto';

/**
 * Same content analyzed the same way gives the same answer: the key covers the bytes (not the name,
 * so a rewritten file is analyzed again) and every parameter that changes the result.
 */
export function analysisCacheKey(hash: string, parameters: Record<string, unknown>): string {
  return createHash('sha256').update(hash).update(JSON.stringify(parameters)).digest('hex');
}
