import path from 'node:path';
import { parseArgs } from 'node:util';
import { openVaider, type Vaider } from '../app/vaider.js';
import { loadConfig, type ResolvedConfig } from '../config/load-config.js';
import type { VaiderRulesInput } from '../config/schema.js';
import { toVaiderError, VaiderError } from '../base/errors.js';
import { startServer } from '../server/start-server.js';
import { startStdioServer } from '../server/stdio-server.js';
import { processExisting, startWatching } from '../watcher/start-watching.js';
import type { CommandOutcome } from './analyze-command.js';
import { EXIT } from './exit-codes.js';
import { printError, printJson, printNotice, printServing, printWatchEvent } from './output.js';
import { SERVE_USAGE } from './command-help.js';

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  rules: { type: 'string' },
  root: { type: 'string', multiple: true },
  stdio: { type: 'boolean' },
  once: { type: 'boolean' },
  'no-watch': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export type ServeMode = 'serve' | 'watch' | 'mcp';

/** Resolves when SIGINT or SIGTERM arrives. */
function shutdownRequested(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

function overridesFrom(values: { port?: string; host?: string; root?: string[] }): VaiderRulesInput {
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new VaiderError('BAD_ARGUMENT', `--port expects 0..65535, got "${values.port}".`);
  }
  return {
    server: { ...(port !== undefined && { port }), ...(values.host !== undefined && { host: values.host }) },
    ...(values.root && { allowed_roots: values.root.map((root) => path.resolve(root)) }),
  };
}

/** Starts the file watcher on the application's watch service, printing what it does. */
function watchProject(config: ResolvedConfig, vaider: Vaider) {
  const service = vaider.watch!;
  service.onEvent(printWatchEvent);
  return startWatching(config, service, (error) => printError(toVaiderError(error)));
}

/** `vaider watch --once`: what exists, analyzed with the retry loop; with `json`, the results on stdout. */
async function watchOnce(config: ResolvedConfig, vaider: Vaider, json: boolean): Promise<number> {
  const service = vaider.watch!;
  service.onEvent(printWatchEvent);
  const { files, tally, results } = await processExisting(config, service);
  const { ok, mismatches, errors, attention } = tally;
  printNotice(`${files} files: ${ok} matched, uncertain or described, ${mismatches} mismatches, ${errors} errors, ${attention} need attention.`);
  const exitCode = errors > 0 ? EXIT.error : mismatches > 0 || attention > 0 ? EXIT.mismatch : EXIT.match;
  if (json) printJson({ files, ...tally, results, exit_code: exitCode });
  return exitCode;
}

export async function serveCommand(argv: string[], mode: ServeMode): Promise<CommandOutcome> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  if (mode === 'mcp' && !values.stdio) throw new VaiderError('BAD_ARGUMENT', `vaider mcp needs --stdio.\n${SERVE_USAGE}`);
  const config = loadConfig({ rulesPath: values.rules, overrides: overridesFrom(values) });
  const watching = mode === 'watch' || (mode === 'serve' && !values['no-watch']);
  const vaider = await openVaider(config, { watch: watching, ownStore: mode === 'serve' });
  let exitCode: number = EXIT.match;
  try {
    if (mode === 'mcp') {
      const server = await startStdioServer(vaider);
      process.stdin.once('end', () => void server.close());
      await Promise.race([server.closed, shutdownRequested()]);
      await server.close();
    } else if (mode === 'watch' && values.once) {
      exitCode = await watchOnce(config, vaider, values.json ?? false);
    } else {
      const server = mode === 'serve' ? await startServer({ vaider, token: process.env.VAIDER_TOKEN || undefined }) : undefined;
      if (server) await vaider.announceServer(server.url);
      const watcher = watching ? watchProject(config, vaider) : undefined;
      // Said once chokidar's first scan is done: a file written while it still sets up its watches
      // could be missed, so "watching" before then would be a promise not yet kept.
      await watcher?.ready;
      if (server) printServing(server.url, config.projectRoot);
      if (watcher && !server) printNotice(`watching ${config.projectRoot} for test videos and screenshots`);
      const signal = await shutdownRequested();
      printNotice(`${signal}: closing sessions and stopping analyses.`);
      await watcher?.close();
      await server?.close();
    }
  } finally {
    await vaider.close();
  }
  return { exitCode, json: values.json ?? false };
}
