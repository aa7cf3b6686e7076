import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ffmpegBinaries } from '../src/media/ffmpeg-binaries.js';
import { runProcess } from '../src/media/run-process.js';

export const WORK_DIR = path.join(import.meta.dirname, '.work');

export async function workDir(name: string): Promise<string> {
  const dir = path.join(WORK_DIR, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Median wall time of `runs` runs, after one warm-up run (page cache, lazy init). */
export async function medianMs(runs: number, task: () => Promise<unknown>): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function ffmpeg(args: string[]): Promise<void> {
  const result = await runProcess(ffmpegBinaries().ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  if (result.code !== 0) throw new Error(result.stderr);
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

export function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
