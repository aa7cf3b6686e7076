import path from 'node:path';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { runProcess } from '../src/media/run-process.js';
import { medianMs, ms, ratio, ffmpeg } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

const ROOT = path.join(import.meta.dirname, '..');

/** End-to-end analyze of a 10 s 720p clip: the CLI as a user runs it, and the warm in-process call. */
export async function analyzeBench(): Promise<string[]> {
  const clip = await benchVideo(10, 4);
  const expect = ["shows 'Screen 1: Login'", "at the end shows 'Continue 4'", "never shows 'Error'"];
  const args = ['bin/vaider.js', 'analyze', clip.file, '--json', '--no-cache', '--no-server', ...expect.flatMap((e) => ['--expect', e])];

  let exitCode: number | null = null;
  const cli = await medianMs(3, async () => {
    const result = await runProcess(process.execPath, args.map((a) => (a.startsWith('bin/') ? path.join(ROOT, a) : a)));
    exitCode = result.code;
  });

  const vaider = await openVaider(loadConfig({ cwd: ROOT }));
  const warm = await medianMs(3, () => vaider.analyze({ input: clip.file, expectations: expect }));
  await vaider.close();
  const decodeOnly = await medianMs(3, () => ffmpeg(['-i', clip.file, '-f', 'null', '-']));

  return [
    '### `vaider analyze`: 10 s 1280×720 clip, 4 screens, 3 expectations',
    '',
    '| measure | time | vs decode-only |',
    '|---|---|---|',
    `| decode-only, the limit for any analysis | ${ms(decodeOnly)} | 1.00× |`,
    `| \`vaider analyze … --json\` from the shell (process start, OCR workers, everything) | ${ms(cli)} | ${ratio(cli, decodeOnly)} |`,
    `| \`analyze()\` in a running server (warm workers, OCR cache cold) | ${ms(warm)} | ${ratio(warm, decodeOnly)} |`,
    '',
    `CLI exit code: ${exitCode} (0 = match). Target: under 3 s on this 2-core machine.`,
    '',
  ];
}
