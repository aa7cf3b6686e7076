import { parseArgs } from 'node:util';
import { openVaider, type Vaider } from '../app/vaider.js';
import type { QueueService } from '../app/queue/queue-service.js';
import { loadConfig } from '../config/load-config.js';
import { VaiderError } from '../base/errors.js';
import type { CommandOutcome } from './analyze-command.js';
import { QUEUE_USAGE, SUBMIT_USAGE } from './command-help.js';
import { EXIT } from './exit-codes.js';
import { positiveInt } from './flag-values.js';
import { printJson, printNotice, printQueueStatus, printSubmissions, printWorkerJob } from './output.js';

function noQueue(): VaiderError {
  return new VaiderError('CONFIG_INVALID', 'No shared queue: set queue.url in VaiderRules.json or VAIDER_QUEUE_URL (e.g. redis://127.0.0.1:6379). docs/scale.md explains the set-up.');
}

async function withQueue(rules: string | undefined, role: 'command' | 'worker', work: (queue: QueueService, vaider: Vaider) => Promise<CommandOutcome>): Promise<CommandOutcome> {
  const vaider = await openVaider(loadConfig({ rulesPath: rules }), { role });
  try {
    const queue = await vaider.queue();
    if (!queue) throw noQueue();
    return await work(queue, vaider);
  } finally {
    await vaider.close();
  }
}

/**
 * `vaider submit FILE…`: each file enqueued as an analysis job for the fleet's workers. Files that
 * cannot be jobs, and every file when Redis does not answer, are listed as not enqueued; exit 2 then.
 */
export async function submitCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { expect: { type: 'string', multiple: true }, rules: { type: 'string' }, json: { type: 'boolean' } } });
  if (positionals.length === 0) throw new VaiderError('BAD_ARGUMENT', SUBMIT_USAGE.split('\n')[0]!);
  const json = values.json ?? false;
  return withQueue(values.rules, 'command', async (queue) => {
    const submissions = await queue.submit(positionals, { expectations: values.expect, requestedBy: 'submit' });
    const refused = submissions.filter((s) => s.outcome === 'refused').length;
    if (json) printJson({ submissions, refused });
    else {
      printSubmissions(submissions);
      if (refused) printNotice(`${refused} of ${submissions.length} file(s) not enqueued; nothing else was lost. Submit them again once the cause is fixed.`);
    }
    return { exitCode: refused ? EXIT.error : 0, json };
  });
}

/** `vaider worker [--concurrency N]`: takes the queue's jobs until SIGINT or SIGTERM, then finishes what it holds. */
export async function workerCommand(argv: string[]): Promise<CommandOutcome> {
  const { values } = parseArgs({ args: argv, options: { concurrency: { type: 'string' }, rules: { type: 'string' } } });
  const concurrency = positiveInt(values.concurrency, '--concurrency') ?? 1;
  return withQueue(values.rules, 'worker', async (queue) => {
    // Checked before taking jobs: a worker that cannot reach Redis says so, instead of waiting silently.
    await queue.status();
    const worker = queue.work(concurrency, printWorkerJob);
    printNotice(`worker taking jobs from ${queue.settings.name} (${concurrency} at a time); Ctrl-C stops it after the jobs it holds.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await worker.close();
    return { exitCode: 0, json: false };
  });
}

/** `vaider queue status`: waiting, active, failed, workers, throughput, and the jobs that failed for good. */
export async function queueCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { rules: { type: 'string' }, json: { type: 'boolean' } } });
  if (positionals.length !== 1 || positionals[0] !== 'status') throw new VaiderError('BAD_ARGUMENT', QUEUE_USAGE.split('\n')[0]!);
  const json = values.json ?? false;
  return withQueue(values.rules, 'command', async (queue) => {
    const status = await queue.status();
    if (json) printJson(status);
    else printQueueStatus(status, queue.settings.name);
    return { exitCode: 0, json };
  });
}
