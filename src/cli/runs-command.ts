import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import type { RunState } from '../app/runs/run-types.js';
import { RUN_STATUSES, type RunStatusWord } from '../app/runs/run-status.js';
import { loadConfig } from '../config/load-config.js';
import { VaiderError } from '../base/errors.js';
import type { CommandOutcome } from './analyze-command.js';
import { RUNS_USAGE } from './command-help.js';
import { printJson, printRun, printRunList } from './output.js';

const STATES: readonly RunState[] = ['queued', 'analyzing', 'done', 'error'];

function stateOf(value: string | undefined): RunState | undefined {
  if (value === undefined) return undefined;
  if (!(STATES as readonly string[]).includes(value)) throw new VaiderError('BAD_ARGUMENT', `--state must be one of ${STATES.join(', ')}, got "${value}".`);
  return value as RunState;
}

function statusOf(value: string | undefined): RunStatusWord | undefined {
  if (value === undefined) return undefined;
  if (!(RUN_STATUSES as readonly string[]).includes(value)) throw new VaiderError('BAD_ARGUMENT', `--status must be one of ${RUN_STATUSES.join(', ')}, got "${value}".`);
  return value as RunStatusWord;
}

function limitOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new VaiderError('BAD_ARGUMENT', `--limit must be a whole number of at least 1, got "${value}".`);
  return limit;
}

/** `vaider runs [show ID]`: the runs in the project's store, read even while a server owns it. */
export async function runsCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { state: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' }, rules: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [sub, id, ...extra] = positionals;
  if ((sub !== undefined && sub !== 'show') || (sub === 'show' && !id) || extra.length > 0 || (sub === undefined && id)) {
    throw new VaiderError('BAD_ARGUMENT', RUNS_USAGE.split('\n')[0]!);
  }
  const filter = { state: stateOf(values.state), status: statusOf(values.status), limit: limitOf(values.limit) };
  const json = values.json ?? false;
  const vaider = await openVaider(loadConfig({ rulesPath: values.rules }));
  try {
    if (sub === 'show') {
      const run = await vaider.runs.get(id!);
      if (json) printJson(run);
      else printRun(run);
    } else {
      const runs = await vaider.runs.list(filter);
      if (json) printJson(runs);
      else printRunList(runs);
    }
    return { exitCode: 0, json };
  } finally {
    await vaider.close();
  }
}
