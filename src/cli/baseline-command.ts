import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import { loadConfig } from '../config/load-config.js';
import { VaiderError } from '../base/errors.js';
import type { CommandOutcome } from './analyze-command.js';
import { printNotice } from './output.js';
import { BASELINE_USAGE } from './command-help.js';

export async function baselineCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { rules: { type: 'string' } } });
  if (positionals[0] !== 'approve' || !positionals[1]) throw new VaiderError('BAD_ARGUMENT', BASELINE_USAGE.split('\n')[0]!);
  const vaider = await openVaider(loadConfig({ rulesPath: values.rules }));
  try {
    const run = await vaider.runs.get(positionals[1]);
    if (!run.result) throw new VaiderError('BAD_ARGUMENT', `Run ${run.id} is ${run.state}; only a finished run can become a baseline.`);
    const baseline = await vaider.approveBaseline({ id: run.id, input: run.input, keyframes: run.result.keyframes });
    printNotice(`baseline of ${baseline.key} is now run ${run.id} (${baseline.screens.length} screens)`);
    return { exitCode: 0, json: false };
  } finally {
    await vaider.close();
  }
}
