import { VaiderError } from '../../base/errors.js';
import { ModelCallError, type ModelClient, type ModelRequest, type ModelResponse } from './model-client.js';

export interface ResilienceOptions {
  /** One call, including nothing else. */
  timeoutMs: number;
  /** Retries after 429, 5xx, timeouts and dropped connections (max_error_retries). */
  maxRetries: number;
  /** First backoff; it doubles each retry, with jitter. */
  baseDelayMs: number;
  /** This many failures in a row open the circuit... */
  breakerThreshold: number;
  /** ...for this long; then one trial call decides whether it closes. */
  breakerCooldownMs: number;
}

export const DEFAULT_RESILIENCE: Omit<ResilienceOptions, 'timeoutMs' | 'maxRetries'> = {
  baseDelayMs: 250,
  breakerThreshold: 5,
  breakerCooldownMs: 30_000,
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
      { once: true },
    );
  });
}

/**
 * A client that survives a flaky service: a timeout per call, backoff retries on failures that may
 * pass, and a circuit breaker so a dead service is not hammered (and a fallback takes over at once).
 */
export class ResilientClient implements ModelClient {
  private consecutiveFailures = 0;
  private openUntil = 0;

  constructor(
    private readonly inner: ModelClient,
    private readonly options: ResilienceOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get provider(): string {
    return this.inner.provider;
  }

  get model(): string {
    return this.inner.model;
  }

  get unavailable(): string | undefined {
    return this.inner.unavailable;
  }

  get capabilities() {
    return this.inner.capabilities;
  }

  get circuitOpen(): boolean {
    return this.openUntil > this.now();
  }

  async complete(request: ModelRequest): Promise<ModelResponse> {
    if (this.circuitOpen) {
      throw new ModelCallError(`${this.provider}: circuit open after ${this.consecutiveFailures} failures in a row; retrying after a cooldown.`, this.provider, false);
    }
    let attempt = 0;
    for (;;) {
      const signal = AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), ...(request.signal ? [request.signal] : [])]);
      try {
        const response = await this.inner.complete({ ...request, signal });
        this.consecutiveFailures = 0;
        return response;
      } catch (thrown) {
        if (request.signal?.aborted) throw thrown;
        const error = this.classify(thrown, signal);
        this.consecutiveFailures++;
        if (this.consecutiveFailures >= this.options.breakerThreshold) {
          this.openUntil = this.now() + this.options.breakerCooldownMs;
          throw error;
        }
        if (!error.retryable || attempt >= this.options.maxRetries) throw error;
        attempt++;
        const delay = this.options.baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
        await sleep(delay, request.signal);
      }
    }
  }

  private classify(thrown: unknown, signal: AbortSignal): ModelCallError {
    if (thrown instanceof ModelCallError) return thrown;
    if (signal.aborted) {
      return new ModelCallError(`${this.provider}: no answer within ${this.options.timeoutMs} ms.`, this.provider, true, undefined, { cause: thrown });
    }
    if (thrown instanceof VaiderError) return new ModelCallError(thrown.message, this.provider, false, undefined, { cause: thrown });
    return new ModelCallError(`${this.provider}: ${(thrown as Error).message}`, this.provider, true, undefined, { cause: thrown });
  }
}
