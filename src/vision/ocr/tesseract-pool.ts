/**
 * A small pool of tesseract workers shared by every recognition of one engine.
 *
 * Workers start on first demand (about 200 ms each) and are reused; jobs beyond the pool's size wait in
 * line. A worker stopped by an abort or a crash is dropped and replaced only when a job needs one.
 */
import type { Page, PSM } from 'tesseract.js';
import { VaiderError } from '../../base/errors.js';
import { abortReason } from '../../base/abort-reason.js';
import { startOcrWorker, type OcrWorker } from './tesseract-worker.js';

interface Waiter {
  resolve(worker: OcrWorker): void;
  reject(error: Error): void;
}

function closedError(): VaiderError {
  return new VaiderError('CANCELLED', 'The OCR engine was closed.');
}

export class TesseractPool {
  readonly #capacity: number;
  readonly #idle: OcrWorker[] = [];
  readonly #busy = new Set<OcrWorker>();
  readonly #starting = new Set<Promise<OcrWorker>>();
  readonly #waiting: Waiter[] = [];
  #closed = false;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  async recognize(image: Buffer, mode: PSM, signal?: AbortSignal): Promise<Page> {
    const worker = await this.#acquire(signal);
    try {
      return await worker.recognize(image, mode, signal);
    } finally {
      this.#release(worker);
    }
  }

  /** Stops every worker; recognitions in progress or waiting reject with CANCELLED. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(closedError());
    const running = [...this.#idle.splice(0), ...this.#busy];
    const starting = [...this.#starting].map((start) => start.then((worker) => worker.terminate(), () => undefined));
    await Promise.all([...running.map((worker) => worker.terminate()), ...starting]);
  }

  #acquire(signal: AbortSignal | undefined): Promise<OcrWorker> {
    if (this.#closed) return Promise.reject(closedError());
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    // A parked worker whose thread crashed is dropped here rather than failing the job given to it.
    this.#idle.splice(0, this.#idle.length, ...this.#idle.filter((worker) => worker.alive));
    const idle = this.#idle.pop();
    if (idle) {
      this.#busy.add(idle);
      return Promise.resolve(idle);
    }
    return new Promise<OcrWorker>((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(abortReason(signal!));
      };
      const waiter: Waiter = {
        resolve: (worker) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(worker);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
      this.#startWorkersForWaiters();
    });
  }

  #release(worker: OcrWorker): void {
    this.#busy.delete(worker);
    if (this.#closed || !worker.alive) {
      this.#startWorkersForWaiters();
      return;
    }
    this.#offer(worker);
  }

  /** Hands a free worker to the longest waiting job, or parks it. */
  #offer(worker: OcrWorker): void {
    const waiter = this.#waiting.shift();
    if (waiter) {
      this.#busy.add(worker);
      waiter.resolve(worker);
    } else {
      this.#idle.push(worker);
    }
  }

  /**
   * A started worker goes to whichever job waits when it is ready, not to the job that caused the
   * start: a waiter may have been aborted meanwhile, and the worker must not be lost with it.
   */
  #startWorkersForWaiters(): void {
    while (
      !this.#closed &&
      this.#waiting.length > this.#starting.size &&
      this.#idle.length + this.#busy.size + this.#starting.size < this.#capacity
    ) {
      const starting = startOcrWorker();
      this.#starting.add(starting);
      starting.then(
        (worker) => {
          this.#starting.delete(starting);
          if (this.#closed) void worker.terminate();
          else this.#offer(worker);
        },
        (error: Error) => {
          this.#starting.delete(starting);
          // A worker that cannot start means none can: fail every waiting job rather than retry forever.
          for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
        },
      );
    }
  }
}
