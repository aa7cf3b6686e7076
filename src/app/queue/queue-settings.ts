import type { ResolvedConfig } from '../../config/load-config.js';
import type { QueueSettings } from '../../queue/analysis-queue.js';

/** The queue this project's rules name, or undefined: one machine, the embedded queue. */
export function queueSettings(config: ResolvedConfig): QueueSettings | undefined {
  const { queue } = config.rules;
  if (!queue.url) return undefined;
  return {
    url: queue.url,
    name: queue.name,
    lockSeconds: queue.lock_seconds,
    attempts: config.rules.max_error_retries + 1,
    ...(queue.rate_limit && { rateLimit: { max: queue.rate_limit.max, perSeconds: queue.rate_limit.per_seconds } }),
  };
}
