#!/usr/bin/env node
import { ANALYZE_USAGE, analyzeCommand, type CommandOutcome } from './analyze-command.js';
import { EXIT } from './exit-codes.js';
import { printError, printJson, printLine } from './output.js';
import { INIT_USAGE, initCommand } from './init-command.js';
import { BASELINE_USAGE, baselineCommand } from './baseline-command.js';
import { CACHE_USAGE, cacheCommand } from './cache-command.js';
import { DOCTOR_USAGE, doctorCommand } from './doctor-command.js';
import { RUN_FLOW_USAGE, runFlowCommand } from './run-flow-command.js';
import { DIFF_USAGE, diffCommand } from './diff-command.js';
import { schemaCommand } from './schema-command.js';
import { SETUP_USAGE, setupCommand } from './setup-command.js';
import { SERVE_USAGE, serveCommand } from './serve-command.js';
import { toVaiderError, VaiderError } from '../base/errors.js';

const USAGE = `Vaider: checks GUI test videos and screenshots against what was expected. Offline by default.

Usage: vaider <command> [options]

Commands:
  analyze <file>   describe a video or screenshot and verify expectations
  serve            the MCP server and REST API on localhost:3456, watching for test videos
  watch            analyze test videos and screenshots as tests write them (--once: what exists)
  mcp --stdio      the MCP server over stdin/stdout
  init             set up Cursor, VS Code and Claude Code to reach the server, and a starter VaiderRules.json
  setup playwright make Playwright record video offline with the ffmpeg already here
  run flow <file>  drive a flow in Chromium with locator healing, and verify its video
  diff <a> <b>     compare two screens: regions, text, severity, a diff image
  baseline approve <run>  make a run's keyframes its test's baseline
  cache clear      delete the model response cache
  doctor           check the project's store files; --repair moves unreadable ones aside
  schema           print the JSON Schema of VaiderRules.json
  help             this text

${ANALYZE_USAGE}

${SERVE_USAGE}

${INIT_USAGE}

${SETUP_USAGE}

${RUN_FLOW_USAGE}

${DIFF_USAGE}

${BASELINE_USAGE}

${CACHE_USAGE}

${DOCTOR_USAGE}`;

/** Node's parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for bad flags. */
function asCliError(error: unknown): VaiderError {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return new VaiderError('BAD_ARGUMENT', (error as Error).message);
  }
  return toVaiderError(error);
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const wantsJson = rest.includes('--json');
  let outcome: CommandOutcome;
  try {
    switch (command) {
      case 'analyze':
        outcome = await analyzeCommand(rest);
        break;
      case 'serve':
      case 'watch':
      case 'mcp':
        outcome = await serveCommand(rest, command);
        break;
      case 'init':
        outcome = await initCommand(rest);
        break;
      case 'setup':
        outcome = await setupCommand(rest);
        break;
      case 'run':
        outcome = await runFlowCommand(rest);
        break;
      case 'diff':
        outcome = await diffCommand(rest);
        break;
      case 'baseline':
        outcome = await baselineCommand(rest);
        break;
      case 'cache':
        outcome = await cacheCommand(rest);
        break;
      case 'doctor':
        outcome = await doctorCommand(rest);
        break;
      case 'schema':
        outcome = schemaCommand();
        break;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        printLine(USAGE);
        return 0;
      default:
        throw new VaiderError('BAD_ARGUMENT', `Unknown command "${command}". Run "vaider help".`);
    }
  } catch (thrown) {
    // The one catch of the CLI: a code and one line, never a stack trace.
    const error = asCliError(thrown);
    printError(error);
    if (wantsJson) printJson({ error: { code: error.code, message: error.message, details: error.details }, exit_code: EXIT.error });
    return EXIT.error;
  }
  return outcome.exitCode;
}

process.exitCode = await run(process.argv.slice(2));
