import { Redis, type RedisOptions } from 'ioredis';
import { VaiderError } from '../base/errors.js';

/** What a connection is for: a worker blocks on Redis and must never give up; a submitter must fail fast. */
export type ConnectionUse = 'worker' | 'client';

/** `redis://user:secret@host:6379/0` → `redis://host:6379/0`: never print a password. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'the configured Redis';
  }
}

export function queueUnavailable(url: string, why: string): VaiderError {
  return new VaiderError('QUEUE_UNAVAILABLE', `The queue's Redis at ${shownUrl(url)} is unreachable (${why}): start it, or unset queue.url (VAIDER_QUEUE_URL) to analyze on this machine.`, {
    redis: shownUrl(url),
  });
}

/**
 * A Redis connection for BullMQ. Workers keep retrying (BullMQ requires it of a blocking connection);
 * clients (submit, status, the server) give up after a few seconds, so an unreachable Redis is one
 * clear error, not a hang.
 */
export function redisConnection(url: string, use: ConnectionUse): Redis {
  const options: RedisOptions =
    use === 'worker'
      ? { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(times * 500, 5000) }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 3000, retryStrategy: (times) => (times > 3 ? null : 300) };
  const redis = new Redis(url, { ...options, lazyConnect: true });
  // Errors surface through the calls that fail; unhandled, ioredis would print each retry.
  redis.on('error', () => undefined);
  return redis;
}

/** Connects, or throws QUEUE_UNAVAILABLE within `timeoutMs`. */
export async function connected(redis: Redis, url: string, timeoutMs = 4000): Promise<Redis> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw queueUnavailable(url, (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}
