import path from 'node:path';
import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import { screenDriftSummary } from '../app/screens/wire-summaries.js';
import { loadConfig } from '../config/load-config.js';
import { VaiderError } from '../base/errors.js';
import type { CommandOutcome } from './analyze-command.js';
import { printDrift, printJson } from './output.js';
import { DIFF_USAGE } from './command-help.js';

function box(value: string): { x: number; y: number; width: number; height: number } {
  const parts = value.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new VaiderError('BAD_ARGUMENT', `--ignore expects X,Y,WIDTH,HEIGHT in pixels, got "${value}".`);
  }
  const [x, y, width, height] = parts as [number, number, number, number];
  return { x, y, width, height };
}

export async function diffCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ignore: { type: 'string', multiple: true },
      mask: { type: 'string' },
      threshold: { type: 'string' },
      rules: { type: 'string' },
      root: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 2) throw new VaiderError('BAD_ARGUMENT', `diff takes two files. ${DIFF_USAGE.split('\n')[0]}`);
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new VaiderError('BAD_ARGUMENT', `--threshold expects 0..1, got "${values.threshold}".`);
  const config = loadConfig({ rulesPath: values.rules, overrides: values.root ? { allowed_roots: values.root.map((r) => path.resolve(r)) } : {} });
  const vaider = await openVaider(config);
  try {
    const drift = await vaider.compare({
      baseline: path.resolve(positionals[0]!),
      current: path.resolve(positionals[1]!),
      ignoreRegions: (values.ignore ?? []).map(box),
      ...(values.mask && { maskPath: path.resolve(values.mask) }),
      ...(threshold !== undefined && { threshold }),
      requestedBy: 'cli',
    });
    const exitCode = drift.severity === 'none' || drift.severity === 'cosmetic' ? 0 : 1;
    if (values.json) printJson({ ...screenDriftSummary(drift), exit_code: exitCode });
    else printDrift(drift);
    return { exitCode, json: values.json ?? false };
  } finally {
    await vaider.close();
  }
}
