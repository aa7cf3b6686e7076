#!/usr/bin/env node
import { createRequire } from 'node:module';
import type { CommandOutcome } from './analyze-command.js';
import { COMMANDS, OVERVIEW, optionsOf, usageOf } from './command-help.js';
import { didYouMean } from './did-you-mean.js';
import { EXIT } from './exit-codes.js';
import { printError, printJson, printLine } from './output.js';
import { toVaiderError, VaiderError } from '../base/errors.js';

/**
 * Each command's module is imported only when it runs: `vaider --version` and help load none of
 * them, and `vaider diff` does not load the MCP server.
 */
const RUNNERS: Record<string, (argv: string[]) => Promise<CommandOutcome>> = {
  analyze: async (argv) => (await import('./analyze-command.js')).analyzeCommand(argv),
  serve: async (argv) => (await import('./serve-command.js')).serveCommand(argv, 'serve'),
  watch: async (argv) => (await import('./serve-command.js')).serveCommand(argv, 'watch'),
  mcp: async (argv) => (await import('./serve-command.js')).serveCommand(argv, 'mcp'),
  init: async (argv) => (await import('./init-command.js')).initCommand(argv),
  setup: async (argv) => (await import('./setup-command.js')).setupCommand(argv),
  run: async (argv) => (await import('./run-flow-command.js')).runFlowCommand(argv),
  diff: async (argv) => (await import('./diff-command.js')).diffCommand(argv),
  runs: async (argv) => (await import('./runs-command.js')).runsCommand(argv),
  submit: async (argv) => (await import('./queue-commands.js')).submitCommand(argv),
  worker: async (argv) => (await import('./queue-commands.js')).workerCommand(argv),
  queue: async (argv) => (await import('./queue-commands.js')).queueCommand(argv),
  report: async (argv) => (await import('./report-command.js')).reportCommand(argv),
  'merge-reports': async (argv) => (await import('./merge-reports-command.js')).mergeReportsCommand(argv),
  baseline: async (argv) => (await import('./baseline-command.js')).baselineCommand(argv),
  cache: async (argv) => (await import('./cache-command.js')).cacheCommand(argv),
  doctor: async (argv) => (await import('./doctor-command.js')).doctorCommand(argv),
  schema: async () => (await import('./schema-command.js')).schemaCommand(),
};

const HELP_FLAGS = new Set(['--help', '-h']);

function version(): string {
  // src/cli/main.ts and dist/cli/main.js both stand two folders below package.json.
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

function unknownCommand(command: string): VaiderError {
  const hint = didYouMean(command, COMMANDS.flatMap((c) => c.names));
  return new VaiderError('BAD_ARGUMENT', `Unknown command "${command}".${hint} Run "vaider help" for the commands.`);
}

/**
 * Node's parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for bad flags; its messages are
 * rewritten as one line naming the option, with a suggestion and where to read more.
 */
function asCliError(error: unknown, command: string): VaiderError {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return toVaiderError(error);
  const message = (error as Error).message;
  const option = /'(-{1,2}[^' ]+)'/.exec(message)?.[1];
  const help = `Run "vaider ${command} --help" for its options.`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return new VaiderError('BAD_ARGUMENT', `Unknown option ${option} for "vaider ${command}".${didYouMean(option, optionsOf(command))} ${help}`, { option });
  }
  const firstSentence = message.split(/(?<=\.)\s/)[0]!.replace(/'/g, '"').replace(/([^.])$/, '$1.');
  return new VaiderError('BAD_ARGUMENT', `${firstSentence} ${help}`, option ? { option } : {});
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || HELP_FLAGS.has(command)) {
    const about = command === 'help' && rest[0] ? usageOf(rest[0]) : undefined;
    if (command === 'help' && rest[0] && !about) {
      printError(unknownCommand(rest[0]));
      return EXIT.error;
    }
    printLine(about ?? OVERVIEW);
    return 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    printLine(version());
    return 0;
  }
  const wantsJson = rest.includes('--json');
  try {
    const runner = RUNNERS[command];
    if (!runner) throw unknownCommand(command);
    // Before the command parses its flags: its parser would refuse --help as an unknown option.
    if (rest.some((arg) => HELP_FLAGS.has(arg))) {
      printLine(usageOf(command)!);
      return 0;
    }
    return (await runner(rest)).exitCode;
  } catch (thrown) {
    // The one catch of the CLI: a code and one line, never a stack trace.
    const error = asCliError(thrown, command);
    printError(error);
    if (wantsJson) printJson({ error: { code: error.code, message: error.message, details: error.details }, exit_code: EXIT.error });
    return EXIT.error;
  }
}

process.exitCode = await run(process.argv.slice(2));
