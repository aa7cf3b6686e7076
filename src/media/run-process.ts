import { spawn } from 'node:child_process';
import { VaiderError } from '../base/errors.js';
import { abortReason } from '../base/abort-reason.js';

export interface ProcessResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

/**
 * Runs a binary with an argv array (never a shell, so paths with quotes or `$(...)` are just text)
 * and collects its output. Aborting the signal kills the process.
 */
export function runProcess(file: string, args: string[], options: { signal?: AbortSignal; cwd?: string } = {}): Promise<ProcessResult> {
  const { signal, cwd } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new VaiderError('INTERNAL', `Could not start ${file}: ${error.message}`, {}, { cause: error }));
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code });
    });
  });
}
