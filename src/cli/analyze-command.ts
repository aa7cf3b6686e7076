import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resultSummary } from '../app/analysis/result-summary.js';
import { openVaider } from '../app/vaider.js';
import { loadConfig } from '../config/load-config.js';
import { PROVIDER_IDS, type ProviderId, type VaiderRulesInput } from '../config/schema.js';
import { VaiderError } from '../base/errors.js';
import { parseExpectationsFile } from '../app/analysis/expectations-file.js';
import { exitCodeFor } from './exit-codes.js';
import { printAnalysis, printJson, progressBar } from './output.js';
import { ANALYZE_USAGE } from './command-help.js';

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new VaiderError('BAD_ARGUMENT', `${flag} expects a positive whole number, got "${value}".`);
  return n;
}

function providerId(value: string | undefined): ProviderId | undefined {
  if (value === undefined) return undefined;
  if (!(PROVIDER_IDS as readonly string[]).includes(value)) {
    throw new VaiderError('BAD_ARGUMENT', `--provider must be one of ${PROVIDER_IDS.join(', ')}, got "${value}".`);
  }
  return value as ProviderId;
}

async function readExpectationsFile(file: string): Promise<string[]> {
  try {
    return parseExpectationsFile(await readFile(file, 'utf8'));
  } catch (error) {
    throw new VaiderError('BAD_ARGUMENT', `--expect-file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

export interface CommandOutcome {
  exitCode: number;
  json: boolean;
}

export async function analyzeCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      expect: { type: 'string', multiple: true },
      'expect-file': { type: 'string' },
      provider: { type: 'string' },
      keyframes: { type: 'string' },
      timeout: { type: 'string' },
      root: { type: 'string', multiple: true },
      rules: { type: 'string' },
      'allow-uncertain': { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const json = values.json ?? false;
  if (positionals.length !== 1) {
    throw new VaiderError('BAD_ARGUMENT', `analyze takes exactly one file, got ${positionals.length}. ${ANALYZE_USAGE.split('\n')[0]}`);
  }
  const timeout = positiveInt(values.timeout, '--timeout');
  const overrides: VaiderRulesInput = {
    ...(timeout !== undefined && { analysis_timeout_seconds: timeout }),
    // Roots given on the command line are relative to where the command runs.
    ...(values.root && { allowed_roots: values.root.map((root) => path.resolve(root)) }),
  };
  const config = loadConfig({ rulesPath: values.rules, overrides });
  const expectations = [...(values.expect ?? []), ...(values['expect-file'] ? await readExpectationsFile(values['expect-file']) : [])];

  const vaider = await openVaider(config);
  const bar = progressBar(!json);
  try {
    const result = await vaider.analyze({
      // On the command line a relative path is relative to where the command runs.
      input: path.resolve(positionals[0]!),
      expectations,
      provider: providerId(values.provider),
      maxKeyframes: positiveInt(values.keyframes, '--keyframes'),
      requestedBy: 'cli',
      noCache: values['no-cache'] ?? false,
      onProgress: bar.update,
    });
    bar.clear();
    const exitCode = exitCodeFor(result.verdict, values['allow-uncertain'] ?? false);
    if (json) printJson({ ...resultSummary(result), exit_code: exitCode });
    else printAnalysis(result);
    return { exitCode, json };
  } finally {
    bar.clear();
    await vaider.close();
  }
}
