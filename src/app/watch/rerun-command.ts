import { spawn } from 'node:child_process';
import { VaiderError } from '../../base/errors.js';
import type { TestIdentity } from '../analysis/expectation-sources.js';

export interface RerunResult {
  argv: string[];
  exitCode: number | null;
  /** The end of what it printed, for the interactions log. */
  output: string;
  timedOut: boolean;
}

const PLACEHOLDER = /\{(test_file|test_title|video)\}/g;

/**
 * The argv of the configured re-run command with its placeholders filled in. Values are inserted as
 * whole strings into argv entries: a title with quotes or `$(...)` is just text, since no shell runs.
 */
export function rerunArgv(template: readonly string[], values: { video: string; test: TestIdentity | null }): string[] {
  return template.map((part) =>
    part.replace(PLACEHOLDER, (_m, name: string) => {
      if (name === 'video') return values.video;
      if (!values.test) {
        throw new VaiderError('BAD_ARGUMENT', `rerun_command uses {${name}}, but ${values.video} has no test recorded (no .expect.json with a test).`, {
          placeholder: name,
        });
      }
      return name === 'test_file' ? values.test.file : values.test.title;
    }),
  );
}

/** Runs a re-run command without a shell, bounded in time; its exit code is reported, not judged. */
export function runRerun(argv: string[], cwd: string, timeoutSeconds: number, signal?: AbortSignal): Promise<RerunResult> {
  return new Promise((resolve, reject) => {
    const [command, ...args] = argv;
    const child = spawn(command!, args, { cwd, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(new VaiderError('BAD_ARGUMENT', `rerun_command could not start ${command}: ${error.message}`, { argv }));
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({ argv, exitCode, output, timedOut });
    });
  });
}
