import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import type { RunState } from '../app/runs/run-types.js';
import { RUN_STATUSES } from '../app/runs/run-status.js';
import { loadConfig } from '../config/load-config.js';
import { VaiderError } from '../base/errors.js';
import type { CommandOutcome } from './analyze-command.js';
import { RUNS_USAGE } from './command-help.js';
import { printJson, printRun, printRunList } from './output.js';
import { oneOf, positiveInt } from './flag-values.js';

const STATES: readonly RunState[] = ['queued', 'analyzing', 'done', 'error'];

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
  const filter = { state: oneOf(values.state, STATES, '--state'), status: oneOf(values.status, RUN_STATUSES, '--status'), limit: positiveInt(values.limit, '--limit') };
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
