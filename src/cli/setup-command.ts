import { parseArgs } from 'node:util';
import { VaiderError } from '../base/errors.js';
import { setUpPlaywrightVideo } from '../setup/playwright-video.js';
import type { CommandOutcome } from './analyze-command.js';
import { EXIT } from './exit-codes.js';
import { printJson, printPlaywrightFfmpegLinks } from './output.js';
import { SETUP_USAGE } from './command-help.js';

export async function setupCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ffmpeg: { type: 'string' },
      'browsers-path': { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const json = values.json ?? false;
  if (positionals.length !== 1 || positionals[0] !== 'playwright') {
    throw new VaiderError('BAD_ARGUMENT', `setup knows one target, "playwright". ${SETUP_USAGE.split('\n')[0]}`);
  }
  const links = await setUpPlaywrightVideo({
    ffmpeg: values.ffmpeg,
    browsersPath: values['browsers-path'],
    force: values.force ?? false,
  });
  const exitCode = links.every((l) => l.check.ok) ? EXIT.match : EXIT.mismatch;
  if (json) {
    printJson({
      links: links.map(({ check, ...link }) => ({ ...link, ok: check.ok, ...(!check.ok && { problem: check.problem }) })),
      exit_code: exitCode,
    });
  } else {
    printPlaywrightFfmpegLinks(links);
  }
  return { exitCode, json };
}
