import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import { loadConfig } from '../config/load-config.js';
import { VaiderError } from '../base/errors.js';
import type { CommandOutcome } from './analyze-command.js';
import { printNotice } from './output.js';
import { CACHE_USAGE } from './command-help.js';

export async function cacheCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { rules: { type: 'string' } } });
  if (positionals[0] !== 'clear') throw new VaiderError('BAD_ARGUMENT', CACHE_USAGE.split('\n')[0]!);
  const vaider = await openVaider(loadConfig({ rulesPath: values.rules }));
  const dir = await vaider.clearModelCache().finally(() => vaider.close());
  printNotice(`cleared the model response cache in ${dir}`);
  return { exitCode: 0, json: false };
}
