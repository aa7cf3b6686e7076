import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resultSummary, type ResultSummary } from '../app/analysis/result-summary.js';
import { openVaider, type Vaider } from '../app/vaider.js';
import type { RunRequest } from '../app/runs/run-service.js';
import { atLeast, DRIFT_SEVERITIES, type DriftSeverity } from '../app/screens/drift-check.js';
import { loadConfig } from '../config/load-config.js';
import { PROVIDER_IDS, type VaiderRulesInput } from '../config/schema.js';
import { VaiderError } from '../base/errors.js';
import { parseExpectationsFile } from '../app/analysis/expectations-file.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { printAnalysis, printJson, printNotice, progressBar } from './output.js';
import { analyzeOnServer } from '../app/runs/server-handoff.js';
import { storeRefused } from '../app/runs/store-refusal.js';
import { oneOf, positiveInt } from './flag-values.js';
import { ANALYZE_USAGE } from './command-help.js';


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

/** How a run went: recorded (with its id) or not, and by whom it was analyzed. */
interface AnalyzeOutcome {
  summary: ResultSummary;
  runId: string | null;
  cached: boolean;
  /** Why the analysis is not in the run store, when it is not. */
  notRecorded?: string;
}

/** Severities `--fail-on-drift` takes: any but `none`, which every run would reach. */
const DRIFT_LEVELS = DRIFT_SEVERITIES.filter((s): s is Exclude<DriftSeverity, 'none'> => s !== 'none');

/** Why the run store cannot take this analysis, when that is the only thing that failed. */
function storeRefusal(error: unknown, config: Vaider['config']): string | undefined {
  if (!storeRefused(error, config)) return undefined;
  if (error.code === 'STORE_LOCKED') {
    const owner = error.details.owner as { pid: number; command: string; url?: string } | null;
    const who = owner ? `${owner.command} (pid ${owner.pid})` : 'another process';
    return owner?.url
      ? `${who} owns the project's store; analyses handed to it are recorded, which --no-server, --timeout, --root and --rules prevent`
      : `${who} owns the project's store and serves no REST to hand the analysis to; with vaider serve instead, CLI analyses are recorded through it`;
  }
  return `the project's store ${String(error.details.path)} is outside the allowed roots given`;
}

/**
 * In this process, recorded as a run. When the store cannot take it (a `vaider watch` or an editor's
 * stdio MCP server owns it; --root leaves it outside), the analysis still runs, unrecorded, and says why.
 * Drift needs the store's baselines, so an analysis with drift fails instead.
 */
async function analyzeHere(vaider: Vaider, request: RunRequest): Promise<AnalyzeOutcome> {
  try {
    const { run, cached } = await vaider.runs.analyze(request);
    return { summary: run.result!, runId: run.id, cached };
  } catch (error) {
    const refusal = request.drift ? undefined : storeRefusal(error, vaider.config);
    if (!refusal) throw error;
    return { summary: resultSummary(await vaider.analyze(request)), runId: null, cached: false, notRecorded: refusal };
  }
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
      drift: { type: 'boolean' },
      'fail-on-drift': { type: 'string' },
      'allow-uncertain': { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      'no-server': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const json = values.json ?? false;
  if (positionals.length !== 1) {
    throw new VaiderError('BAD_ARGUMENT', `analyze takes exactly one file, got ${positionals.length}. ${ANALYZE_USAGE.split('\n')[0]}`);
  }
  const timeout = positiveInt(values.timeout, '--timeout');
  const driftLimit = oneOf(values['fail-on-drift'], DRIFT_LEVELS, '--fail-on-drift');
  const overrides: VaiderRulesInput = {
    ...(timeout !== undefined && { analysis_timeout_seconds: timeout }),
    // Roots given on the command line are relative to where the command runs.
    ...(values.root && { allowed_roots: values.root.map((root) => path.resolve(root)) }),
  };
  const config = loadConfig({ rulesPath: values.rules, overrides });
  const explicit = [...(values.expect ?? []), ...(values['expect-file'] ? await readExpectationsFile(values['expect-file']) : [])];
  const request = {
    // On the command line a relative path is relative to where the command runs.
    input: path.resolve(positionals[0]!),
    expectations: explicit.length > 0 ? explicit : undefined,
    provider: oneOf(values.provider, PROVIDER_IDS, '--provider'),
    maxKeyframes: positiveInt(values.keyframes, '--keyframes'),
    drift: values.drift || driftLimit ? true : undefined,
    noCache: values['no-cache'] ?? false,
  };

  const vaider = await openVaider(config, {
    role: 'command',
    onStoreWait: (owner) => !json && printNotice(`waiting for pid ${owner.pid} (${owner.command}) to finish with the project's store…`),
  });
  const bar = progressBar(!json);
  try {
    // The server's own settings answer, so a command that changes them (--timeout, --root, --rules) runs here.
    const server = values['no-server'] || timeout || values.root || values.rules ? null : await vaider.servingOwner();
    if (server && !json) printNotice(`analyzing on the project's vaider serve (pid ${server.pid}, ${server.url})…`);
    const remote =
      server &&
      (await analyzeOnServer(
        server.url,
        {
          path: request.input,
          expectations: request.expectations,
          provider: request.provider,
          keyframes: request.maxKeyframes,
          drift: request.drift,
          no_cache: request.noCache,
          requested_by: 'cli',
        },
        process.env.VAIDER_TOKEN || undefined,
      ));
    const outcome: AnalyzeOutcome = remote
      ? { summary: remote, runId: remote.run_id, cached: remote.cached }
      : await analyzeHere(vaider, { ...request, requestedBy: 'cli', onProgress: bar.update });
    bar.clear();
    const { summary } = outcome;
    const drifted = driftLimit !== undefined && summary.drift !== null && atLeast(summary.drift.severity, driftLimit);
    const exitCode = Math.max(exitCodeFor(summary.verdict, values['allow-uncertain'] ?? false), drifted ? EXIT.mismatch : EXIT.match);
    if (json) printJson({ run_id: outcome.runId, cached: outcome.cached, ...(outcome.notRecorded && { not_recorded: outcome.notRecorded }), ...summary, exit_code: exitCode });
    else printAnalysis(summary, { runId: outcome.runId, cached: outcome.cached, notRecorded: outcome.notRecorded, failOnDrift: driftLimit });
    return { exitCode, json };
  } finally {
    bar.clear();
    await vaider.close();
  }
}
