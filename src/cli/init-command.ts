import { parseArgs } from 'node:util';
import { VaiderError } from '../base/errors.js';
import { initProject } from '../setup/init-project.js';
import type { CommandOutcome } from './analyze-command.js';
import { printInitResults, printJson } from './output.js';

/** Only the form is checked here; the range is checked where the URL is built. */
function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new VaiderError('BAD_ARGUMENT', `--port expects a whole number, got "${value}".`);
  return Number(value);
}

export async function initCommand(argv: string[]): Promise<CommandOutcome> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const json = values.json ?? false;
  const results = await initProject({
    dir: values.dir ?? process.cwd(),
    force: values.force ?? false,
    host: values.host,
    port: port(values.port),
  });
  if (json) printJson(results);
  else printInitResults(results);
  return { exitCode: 0, json };
}
