/**
 * Takes queued jobs at most `limit` at a time, and says when everything has settled: nothing queued,
 * running, or still being worked on (a re-run in flight, a file being submitted).
 */
export class JobPump {
  readonly #limit: number;
  readonly #queued: () => number;
  readonly #work: () => Promise<void>;
  readonly #stopped: AbortSignal;
  readonly #inFlight = new Set<Promise<void>>();
  #running = 0;
  #idleWaiters: Array<() => void> = [];

  /** `work` takes one job and sees it through; `queued` says how many wait. */
  constructor(options: { limit: number; queued: () => number; work: () => Promise<void>; stopped: AbortSignal }) {
    this.#limit = options.limit;
    this.#queued = options.queued;
    this.#work = options.work;
    this.#stopped = options.stopped;
  }

  pump(): void {
    while (!this.#stopped.aborted && this.#running < this.#limit && this.#queued() > 0) {
      this.#running++;
      this.track(
        (async () => {
          try {
            await this.#work();
          } finally {
            this.#running--;
            this.pump();
          }
        })(),
      );
    }
    this.#checkIdle();
  }

  /** Counts `work` as in flight until it settles. */
  track(work: Promise<void>): Promise<void> {
    this.#inFlight.add(work);
    const done = () => {
      this.#inFlight.delete(work);
      this.#checkIdle();
    };
    // Not work.finally(): its promise rejects with the work, and nobody awaits it (a crash on ENOSPC).
    work.then(done, done);
    return work;
  }

  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idleWaiters.push(resolve);
      this.#checkIdle();
    });
  }

  /** Waits for whatever is in flight to settle, failed or not. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
  }

  #checkIdle(): void {
    if (this.#running === 0 && this.#inFlight.size === 0 && this.#queued() === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
