import path from 'node:path';
import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import { loadConfig } from '../config/load-config.js';
import { VaiderError } from '../base/errors.js';
import type { CommandOutcome } from './analyze-command.js';
import { printFlowAttempt, printFlowOutcome, printJson } from './output.js';
import { RUN_FLOW_USAGE } from './command-help.js';

export async function runFlowCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      driver: { type: 'string' },
      url: { type: 'string' },
      'no-retry': { type: 'boolean' },
      rules: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals[0] !== 'flow' || !positionals[1]) throw new VaiderError('BAD_ARGUMENT', RUN_FLOW_USAGE.split('\n')[0]!);
  const driver = values.driver ?? 'playwright';
  if (driver !== 'playwright' && driver !== 'selenium') throw new VaiderError('BAD_ARGUMENT', `--driver must be playwright or selenium, got "${driver}".`);
  const vaider = await openVaider(loadConfig({ rulesPath: values.rules }));
  try {
    const outcome = await vaider.runFlow({
      flowPath: path.resolve(positionals[1]),
      driver,
      ...(values.url && { baseUrl: values.url }),
      retry: !values['no-retry'],
      requestedBy: 'cli',
      onAttempt: values.json ? undefined : printFlowAttempt,
    });
    const exitCode = outcome.passed ? 0 : 1;
    if (values.json) printJson({ ...outcome, exit_code: exitCode });
    else printFlowOutcome(outcome);
    return { exitCode, json: values.json ?? false };
  } finally {
    await vaider.close();
  }
}
