import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { runProcess, type ProcessResult } from '../../src/media/run-process.js';

export const BIN = path.join(import.meta.dirname, '..', '..', 'bin', 'vaider.js');

export interface Daemon {
  child: ChildProcess;
  /** The REST base URL, for `serve`. */
  url: string | undefined;
  stderr(): string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `vaider serve` or `vaider watch` as a real process in `cwd`, resolved once it says it is ready. */
export async function startDaemon(cwd: string, args: string[]): Promise<Daemon> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = () => /REST: (http:\/\/\S+)\/v1\/health|watching .* for test videos/.exec(stderr);
  await expect.poll(() => ready() !== null || child.exitCode !== null, { timeout: 30_000 }).toBe(true);
  expect(child.exitCode, stderr).toBeNull();
  return {
    child,
    url: ready()![1],
    stderr: () => stderr,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A one-shot command; one that would run on (the old behaviour of a second daemon) is killed after 30 s. */
export function vaiderIn(cwd: string, ...args: string[]): Promise<ProcessResult> {
  return runProcess(process.execPath, [BIN, ...args], { cwd, signal: AbortSignal.timeout(30_000) });
}
