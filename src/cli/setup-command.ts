import { parseArgs } from 'node:util';
import { VaiderError } from '../base/errors.js';
import { setUpPlaywrightVideo } from '../setup/playwright-video.js';
import type { CommandOutcome } from './analyze-command.js';
import { EXIT } from './exit-codes.js';
import { printJson, printPlaywrightFfmpegLinks } from './output.js';

export const SETUP_USAGE = `Usage: vaider setup playwright [options]

Lets Playwright record video offline. Playwright encodes video with an ffmpeg it downloads; this links
an ffmpeg that is already here where it looks, <browsers path>/ffmpeg-<revision>/ffmpeg-linux, for each
Playwright version the project in the working folder uses. Running it again changes nothing.

  --ffmpeg PATH          the ffmpeg to link (default: the one @ffmpeg-installer/ffmpeg ships), e.g. /usr/bin/ffmpeg
  --browsers-path DIR    Playwright's browsers folder (default: PLAYWRIGHT_BROWSERS_PATH, else ~/.cache/ms-playwright)
  --force                replace a different file already there, keeping it as ffmpeg-linux.bak
  --json                 print { links: [{ link, revision, ffmpeg, action, ok, … }], exit_code }

Exit code: 0 every link records video, 1 one does not (a different file was kept), 2 error.`;

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
