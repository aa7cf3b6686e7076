/**
 * One tesseract.js worker thread, loaded offline with the bundled English LSTM model, that runs one
 * recognition at a time and can be stopped mid-recognition.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker as Thread } from 'node:worker_threads';
import { createWorker, OEM, type Page, type PSM, type RecognizeOptions, type Worker, type WorkerParams } from 'tesseract.js';
import { VaiderError } from '../../base/errors.js';
import { abortReason } from '../../base/abort-reason.js';

export interface OcrWorker {
  /** False once the thread was stopped or crashed: the pool then drops it. */
  readonly alive: boolean;
  /** Recognises an encoded image; on abort, rejects with the signal's reason and stops the thread. */
  recognize(image: Buffer, mode: PSM, signal?: AbortSignal): Promise<Page>;
  /** Stops the thread; a recognition in progress rejects with CANCELLED. */
  terminate(): Promise<void>;
}

/**
 * Tesseract's own diagnostics ("Estimating resolution as 325") go to stderr unless sent elsewhere.
 * The string form is tesseract's config-file syntax, applied when the worker initialises.
 */
const QUIET_CONFIG = 'debug_file /dev/null';

/**
 * The folder of the LSTM-only English model (2.9 MB) in @tesseract.js-data/eng, for tesseract.js's
 * `langPath`: without a local path tesseract.js fetches the model from a CDN.
 */
export function tesseractLangPath(): string {
  const require = createRequire(import.meta.url);
  const folder = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  // tesseract.js never settles createWorker when the model file is missing, so check before starting.
  if (!existsSync(path.join(folder, 'eng.traineddata.gz'))) {
    throw new VaiderError('OCR_FAILED', `The English OCR model is missing from ${folder}.`, { folder });
  }
  return folder;
}

class TesseractOcrWorker implements OcrWorker {
  readonly #worker: Worker;
  readonly #thread: Thread | undefined;
  #alive = true;
  #failCurrentJob: ((error: Error) => void) | undefined;
  #terminated: Promise<void> | undefined;

  constructor(worker: Worker) {
    this.#worker = worker;
    // The thread is not in tesseract.js's typed API. Without an 'error' listener a crash in it would
    // be thrown in the main thread and end the process; with one, only the job in progress fails.
    this.#thread = (worker as unknown as { worker?: Thread }).worker;
    this.#thread?.on('error', (error: Error) => {
      this.#stop(new VaiderError('OCR_FAILED', `The tesseract worker crashed: ${error.message}`, {}, { cause: error }));
    });
    this.#thread?.on('exit', () => this.#stop(new VaiderError('OCR_FAILED', 'The tesseract worker exited.')));
    // Leptonica reports harmless internal complaints ("Error in boxClipToRectangle") on stderr from the
    // thread, which Node pipes into the process's own: they would land in the middle of CLI output.
    this.#thread?.stderr.unpipe(process.stderr).resume();
  }

  get alive(): boolean {
    return this.#alive;
  }

  recognize(image: Buffer, mode: PSM, signal?: AbortSignal): Promise<Page> {
    if (!this.#alive) return Promise.reject(new VaiderError('OCR_FAILED', 'The tesseract worker is not running.'));
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<Page>((resolve, reject) => {
      const settle = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.#failCurrentJob = undefined;
      };
      // A recognition cannot be interrupted inside the thread: stopping the thread is the only way to
      // free the CPU at once. The pool starts a fresh worker when one is next needed.
      const onAbort = (): void => {
        settle();
        reject(abortReason(signal!));
        void this.terminate();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#failCurrentJob = (error) => {
        settle();
        reject(error);
      };
      // tesseract.js passes any tesseract parameter given with the options for this one recognition.
      const options: Partial<RecognizeOptions & WorkerParams> = { tessedit_pageseg_mode: mode };
      this.#worker.recognize(image, options, { blocks: true, text: false }).then(
        (result) => {
          settle();
          resolve(result.data);
        },
        (error: unknown) => {
          settle();
          reject(new VaiderError('OCR_FAILED', `Tesseract failed: ${String(error)}`, {}, { cause: error }));
        },
      );
    });
  }

  terminate(): Promise<void> {
    this.#stop(new VaiderError('CANCELLED', 'The OCR engine was closed during a recognition.'));
    this.#terminated ??= (async () => {
      // Awaiting the thread's own exit, which tesseract.js's terminate does not, is what lets a
      // process or a test runner end as soon as close() resolves.
      await this.#thread?.terminate();
      await this.#worker.terminate();
    })();
    return this.#terminated;
  }

  #stop(error: Error): void {
    if (!this.#alive) return;
    this.#alive = false;
    this.#failCurrentJob?.(error);
  }
}

export async function startOcrWorker(): Promise<OcrWorker> {
  const langPath = tesseractLangPath();
  try {
    const worker = await createWorker(
      'eng',
      OEM.LSTM_ONLY,
      {
        langPath,
        cacheMethod: 'none',
        gzip: true,
        // tesseract.js throws from its message handler when a job fails and no handler is set;
        // every failure also rejects that job's promise, which is where it is handled.
        errorHandler: () => undefined,
      },
      QUIET_CONFIG,
    );
    return new TesseractOcrWorker(worker);
  } catch (error) {
    throw new VaiderError('OCR_FAILED', `Tesseract could not start: ${String(error)}`, {}, { cause: error });
  }
}
