import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../base/atomic-write.js';
import { toVaiderError } from '../base/errors.js';
import { mapStrings } from '../base/map-strings.js';
import { redactSecrets, redactText } from '../base/redact-secrets.js';
import { attemptFolderName, carryPruned, emptyLedger, folderStatus, settledRecord, type Ledger } from './attempt-history.js';
import { inFolderQueue } from './folder-queue.js';
import { folderReadme } from './folder-readme.js';
import type { AttemptKind, AttemptRecord, LogEventName, RecordingStamp, RunStatus } from './interaction-types.js';
import { appendLogLine } from './log-lines.js';

export const INTERACTIONS_SUFFIX = '.VaiderInteractions';
/** Attempts kept per input unless interactions.keep_attempts says otherwise. */
export const DEFAULT_KEEP_ATTEMPTS = 20;

export function interactionsDirFor(input: string): string {
  return `${input}${INTERACTIONS_SUFFIX}`;
}

/**
 * Paths beside the input are written relative to the file that names them (`keyframes/…`,
 * `../../../login.webm`), so the folder still makes sense when it is moved, zipped as a CI artifact or
 * committed.
 */
function relativizePaths<T>(value: T, folder: string, from: string): T {
  const base = path.dirname(folder) + path.sep;
  return mapStrings(value, (text) => (text.startsWith(base) ? path.relative(from, text) : text));
}

/** What any file of the folder holds: redacted, with paths relative to the file (`from` is its folder). */
function forFile<T>(value: T, folder: string, from: string): T {
  return redactSecrets(relativizePaths(value, folder, from));
}

function asJson(value: unknown, folder: string, from: string): string {
  return `${JSON.stringify(forFile(value, folder, from), null, 2)}\n`;
}

/** Appends one event to the server.log in `from`. */
function logEvent(name: LogEventName, data: Record<string, unknown>, folder: string, from: string): Promise<void> {
  return appendLogLine(path.join(from, 'server.log'), forFile({ ts: new Date().toISOString(), event: name, ...data }, folder, from));
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function attemptNumbers(folder: string): Promise<number[]> {
  const names = await readdir(path.join(folder, 'attempts')).catch(() => []);
  return names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
}

/** Every attempt still in the folder, oldest first, as it stands (cut-short ones say so). */
async function attemptRecords(folder: string): Promise<AttemptRecord[]> {
  const records = await Promise.all(
    (await attemptNumbers(folder)).map((n) => readJson<AttemptRecord>(path.join(folder, attemptFolderName(n), 'attempt.json'))),
  );
  // An attempt folder without its record is one being created this instant.
  return records.filter((r): r is AttemptRecord => r !== undefined).map(settledRecord);
}

/** Why the retry loop gave up on the folder's input (its ledger says), or null: one small read, for listings. */
export async function readAttention(folder: string): Promise<string | null> {
  return (await readJson<Ledger>(path.join(folder, 'ledger.json')))?.attention ?? null;
}

/** status.json of an interactions folder as it stands, derived afresh; undefined when nothing ran. */
export async function readRunStatus(folder: string): Promise<RunStatus | undefined> {
  const records = await attemptRecords(folder);
  const ledger = await readJson<Ledger>(path.join(folder, 'ledger.json'));
  if (records.length === 0 && !ledger) return undefined;
  return folderStatus(folder.slice(0, -INTERACTIONS_SUFFIX.length), records, ledger ?? emptyLedger());
}

async function recordingStamp(input: string): Promise<RecordingStamp | null> {
  const s = await stat(input).catch(() => undefined);
  return s ? { size: s.size, mtime_ms: Math.round(s.mtimeMs) } : null;
}

export interface ExchangeFiles {
  number: number;
  request: string;
  response: string;
}

export interface AttemptOutcome {
  verdict?: AttemptRecord['verdict'];
  error?: AttemptRecord['error'];
}

/**
 * `<input>.VaiderInteractions/`: one folder per input, one subfolder per attempt (`attempts/NNN/`,
 * each with its own exchanges and keyframes, so concurrent analyses of one input never share a file),
 * and at the top what sums them up: status.json and README.md, derived from the attempts' records, a
 * ledger the retry loop keeps, and server.log, appended. Everything written is redacted.
 */
export class InteractionFolder {
  private constructor(
    readonly input: string,
    readonly dir: string,
    private readonly keepAttempts: number,
  ) {}

  static async open(input: string, options: { keepAttempts?: number } = {}): Promise<InteractionFolder> {
    const dir = interactionsDirFor(input);
    await mkdir(dir, { recursive: true });
    return new InteractionFolder(input, dir, Math.max(1, options.keepAttempts ?? DEFAULT_KEEP_ATTEMPTS));
  }

  /** A line in the folder's own server.log: what concerns every attempt (giving up, pruning, a file still being written). */
  event(name: LogEventName, data: Record<string, unknown> = {}): Promise<void> {
    return logEvent(name, data, this.dir, this.dir);
  }

  status(): Promise<RunStatus | undefined> {
    return readRunStatus(this.dir);
  }

  /** Changes what the retry loop keeps (counts, attention) and refreshes status.json and README.md. */
  updateLedger(change: (ledger: Ledger) => void): Promise<RunStatus> {
    return inFolderQueue(this.dir, async () => {
      const ledger = (await readJson<Ledger>(path.join(this.dir, 'ledger.json'))) ?? emptyLedger();
      change(ledger);
      await writeFileAtomic(path.join(this.dir, 'ledger.json'), asJson(ledger, this.dir, this.dir));
      return this.refreshNow(ledger);
    });
  }

  /** A new attempt with a folder of its own; older finished attempts beyond keep_attempts go. */
  async startAttempt(kind: AttemptKind): Promise<Attempt> {
    const recording = await recordingStamp(this.input);
    const attempt = await this.claimAttemptFolder();
    const record: AttemptRecord = {
      attempt: attempt.number,
      kind,
      state: 'running',
      pid: process.pid,
      started_at: new Date().toISOString(),
      finished_at: null,
      recording,
      verdict: null,
      error: null,
    };
    await attempt.writeRecord(record);
    await this.event('internal.attempt_started', { attempt: attempt.number, kind });
    await this.prune();
    await this.refresh();
    return attempt;
  }

  /** Rewrites status.json and README.md from the attempts and the ledger. */
  refresh(): Promise<RunStatus> {
    return inFolderQueue(this.dir, async () => this.refreshNow((await readJson<Ledger>(path.join(this.dir, 'ledger.json'))) ?? emptyLedger()));
  }

  private async refreshNow(ledger: Ledger): Promise<RunStatus> {
    const records = await attemptRecords(this.dir);
    const status = folderStatus(this.input, records, ledger);
    await writeFileAtomic(path.join(this.dir, 'status.json'), asJson(status, this.dir, this.dir));
    await writeFileAtomic(path.join(this.dir, 'README.md'), redactText(folderReadme(path.basename(this.input), status, records, ledger, this.keepAttempts)));
    return status;
  }

  /** mkdir without `recursive` fails when the folder exists: two processes never get one number. */
  private async claimAttemptFolder(): Promise<Attempt> {
    await mkdir(path.join(this.dir, 'attempts'), { recursive: true });
    let number = ((await attemptNumbers(this.dir)).at(-1) ?? 0) + 1;
    for (;;) {
      const dir = path.join(this.dir, attemptFolderName(number));
      try {
        await mkdir(dir);
        return new Attempt(this, number, dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        number += 1;
      }
    }
  }

  /** Removes the oldest finished attempts beyond keep_attempts, carrying their counts over. */
  prune(): Promise<void> {
    return inFolderQueue(this.dir, async () => {
      const records = await attemptRecords(this.dir);
      const excess = records.length - this.keepAttempts;
      if (excess <= 0) return;
      // Never one still running: its files are in use.
      const doomed = records.filter((r) => r.state !== 'running').slice(0, excess);
      if (doomed.length === 0) return;
      const ledger = (await readJson<Ledger>(path.join(this.dir, 'ledger.json'))) ?? emptyLedger();
      for (const record of doomed) {
        await rm(path.join(this.dir, attemptFolderName(record.attempt)), { recursive: true, force: true });
        carryPruned(ledger, record);
      }
      await writeFileAtomic(path.join(this.dir, 'ledger.json'), asJson(ledger, this.dir, this.dir));
      await this.event('internal.attempts_pruned', {
        attempts: doomed.map((r) => r.attempt),
        keep_attempts: this.keepAttempts,
      });
    });
  }
}

/** One attempt's folder: its exchanges, keyframes and README, and its record. */
export class Attempt {
  readonly keyframesDir: string;
  private nextNumber = 1;
  /** One attempt is one analysis: its numbered files are written in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: InteractionFolder,
    readonly number: number,
    readonly dir: string,
  ) {
    this.keyframesDir = path.join(dir, 'keyframes');
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A line in the attempt's own server.log. */
  event(name: LogEventName, data: Record<string, unknown> = {}): Promise<void> {
    return logEvent(name, data, this.folder.dir, this.dir);
  }

  /** One question and its answer, e.g. kind `describe` → `03_describe_request.json` and `03_describe_response.json`. */
  exchange(kind: string, request: unknown, response: unknown): Promise<ExchangeFiles> {
    return this.serial(async () => {
      const number = this.nextNumber++;
      const prefix = `${String(number).padStart(2, '0')}_${kind}`;
      const files = { number, request: path.join(this.dir, `${prefix}_request.json`), response: path.join(this.dir, `${prefix}_response.json`) };
      await writeFileAtomic(files.request, asJson(request, this.folder.dir, this.dir));
      await writeFileAtomic(files.response, asJson(response, this.folder.dir, this.dir));
      return files;
    });
  }

  /** A JSON file of the attempt's own, e.g. `text-timeline.json`, redacted like every other; returns its path. */
  writeJson(name: string, value: unknown): Promise<string> {
    const file = path.join(this.dir, name);
    return this.serial(async () => {
      await writeFileAtomic(file, asJson(value, this.folder.dir, this.dir));
      return file;
    });
  }

  writeReadme(markdown: string): Promise<void> {
    return this.serial(() => writeFileAtomic(path.join(this.dir, 'README.md'), redactText(markdown)));
  }

  /**
   * Records how the attempt ended and refreshes the folder's status.json and README.md. Nothing may be
   * written to the attempt after this: a finished attempt can be pruned by any other.
   */
  async finish(outcome: AttemptOutcome): Promise<RunStatus> {
    const file = path.join(this.dir, 'attempt.json');
    const record = await readJson<AttemptRecord>(file);
    await this.folder.event('internal.attempt_finished', {
      attempt: this.number,
      ...(outcome.error ? { error: outcome.error.code } : { verdict: outcome.verdict?.status ?? null }),
    });
    if (record) {
      await this.writeRecord({
        ...record,
        state: outcome.error ? 'error' : 'done',
        finished_at: new Date().toISOString(),
        verdict: outcome.verdict ?? null,
        error: outcome.error ?? null,
      });
    }
    // Attempts that were all running when this one started could not be pruned then.
    await this.folder.prune();
    return this.folder.refresh();
  }

  /** The folder writes the first record, finish() the last. */
  writeRecord(record: AttemptRecord): Promise<void> {
    return this.serial(() => writeFileAtomic(path.join(this.dir, 'attempt.json'), asJson(record, this.folder.dir, this.dir)));
  }
}

/**
 * Runs `work` as one attempt of `kind` on the input's folder and records how it ended: done, or the
 * error it threw (which is rethrown unchanged).
 */
export async function withAttempt<T>(input: string, kind: AttemptKind, keepAttempts: number, work: (attempt: Attempt) => Promise<T>): Promise<T> {
  const attempt = await (await InteractionFolder.open(input, { keepAttempts })).startAttempt(kind);
  let result: T;
  try {
    result = await work(attempt);
  } catch (thrown) {
    const { code, message } = toVaiderError(thrown);
    await attempt.finish({ error: { code, message } }).catch(() => undefined);
    throw thrown;
  }
  await attempt.finish({});
  return result;
}
