import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../base/atomic-write.js';
import { redactSecrets, redactText } from '../base/redact-secrets.js';
import { mapStrings } from '../base/map-strings.js';
import type { LogEventName, RunStatus } from './interaction-types.js';

export const INTERACTIONS_SUFFIX = '.VaiderInteractions';

export function interactionsDirFor(input: string): string {
  return `${input}${INTERACTIONS_SUFFIX}`;
}

/** status.json of an interactions folder, without opening it for writing. */
export async function readRunStatus(dir: string): Promise<RunStatus | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8')) as RunStatus;
  } catch {
    return undefined;
  }
}

export interface ExchangeFiles {
  number: number;
  request: string;
  response: string;
}

/**
 * Paths under the input's folder are written relative to the interactions folder (`keyframes/…`,
 * `../login.webm`), so the folder still makes sense when it is moved, zipped as a CI artifact or
 * committed.
 */
function relativizePaths<T>(value: T, dir: string): T {
  const base = path.dirname(dir) + path.sep;
  return mapStrings(value, (text) => (text.startsWith(base) ? path.relative(dir, text) : text));
}

/**
 * `<input>.VaiderInteractions/`: every exchange as numbered request/response files, server.log as
 * JSON lines, status.json and a README.md for people. Every write goes through a temp file and a
 * rename, and through secret redaction. Images are referenced by path, never inlined.
 */
export class InteractionLog {
  readonly keyframesDir: string;
  private nextNumber: number;
  /** Writes to one folder are serialised so numbered files and the log never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    nextNumber: number,
  ) {
    this.keyframesDir = path.join(dir, 'keyframes');
    this.nextNumber = nextNumber;
  }

  static async open(input: string): Promise<InteractionLog> {
    const dir = interactionsDirFor(input);
    await mkdir(dir, { recursive: true });
    const numbers = (await readdir(dir)).map((name) => /^(\d+)_/.exec(name)?.[1]).filter(Boolean).map(Number);
    return new InteractionLog(dir, Math.max(0, ...numbers) + 1);
  }

  private json(value: unknown): string {
    return JSON.stringify(redactSecrets(relativizePaths(value, this.dir)), null, 2) + '\n';
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  event(name: LogEventName, data: Record<string, unknown> = {}): Promise<void> {
    return this.serial(async () => {
      const file = path.join(this.dir, 'server.log');
      const line = JSON.stringify(redactSecrets(relativizePaths({ ts: new Date().toISOString(), event: name, ...data }, this.dir)));
      const previous = await readFile(file, 'utf8').catch(() => '');
      await writeFileAtomic(file, previous + line + '\n');
    });
  }

  /** One question and its answer, e.g. kind `describe` → `03_describe_request.json` and `03_describe_response.json`. */
  exchange(kind: string, request: unknown, response: unknown): Promise<ExchangeFiles> {
    return this.serial(async () => {
      const number = this.nextNumber++;
      const prefix = `${String(number).padStart(2, '0')}_${kind}`;
      const files = {
        number,
        request: path.join(this.dir, `${prefix}_request.json`),
        response: path.join(this.dir, `${prefix}_response.json`),
      };
      await writeFileAtomic(files.request, this.json(request));
      await writeFileAtomic(files.response, this.json(response));
      return files;
    });
  }

  readStatus(): Promise<RunStatus | undefined> {
    return readRunStatus(this.dir);
  }

  writeStatus(status: RunStatus): Promise<void> {
    return this.serial(() => writeFileAtomic(path.join(this.dir, 'status.json'), this.json(status)));
  }

  /** Puts a notice above the README's summary, where a person looks first. */
  prependToReadme(markdown: string): Promise<void> {
    return this.serial(async () => {
      const file = path.join(this.dir, 'README.md');
      const current = await readFile(file, 'utf8').catch(() => '');
      await writeFileAtomic(file, redactText(markdown) + current);
    });
  }

  writeReadme(markdown: string): Promise<void> {
    return this.serial(() => writeFileAtomic(path.join(this.dir, 'README.md'), redactText(markdown)));
  }
}
