import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApplication } from '../app/open-application.js';
import { loadConfig } from '../config/load-config.js';
import type { VaiderRulesInput } from '../config/schema.js';
import { VaiderError } from '../errors.js';
import { startServer } from '../server/start-server.js';
import { startStdioServer } from '../server/stdio-server.js';
import type { CommandOutcome } from './analyze-command.js';
import { printNotice, printServing } from './output.js';

export const SERVE_USAGE = `Usage: vaider serve [--port N] [--host H] [--rules FILE] [--root DIR]...
       vaider mcp --stdio [--rules FILE] [--root DIR]...

  serve   the MCP server (Streamable HTTP at /mcp, SSE at /sse) and the REST API (/v1/…),
          on 127.0.0.1:3456 by default; any other host requires VAIDER_TOKEN (a bearer token)
  mcp     the MCP server over stdin/stdout, for clients that launch it themselves`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  rules: { type: 'string' },
  root: { type: 'string', multiple: true },
  stdio: { type: 'boolean' },
} as const;

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

export async function serveCommand(argv: string[], stdioOnly: boolean): Promise<CommandOutcome> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  if (stdioOnly && !values.stdio) throw new VaiderError('BAD_ARGUMENT', `vaider mcp needs --stdio.\n${SERVE_USAGE}`);
  const config = loadConfig({ rulesPath: values.rules, overrides: overridesFrom(values) });
  const application = await openApplication(config);
  try {
    if (stdioOnly) {
      const server = await startStdioServer(application);
      process.stdin.once('end', () => void server.close());
      await Promise.race([server.closed, shutdownRequested()]);
      await server.close();
    } else {
      const { host, port, max_body_kb } = config.rules.server;
      const server = await startServer({ application, host, port, maxBodyKb: max_body_kb, token: process.env.VAIDER_TOKEN || undefined });
      printServing(server.url, config.projectRoot);
      const signal = await shutdownRequested();
      printNotice(`${signal}: closing sessions and stopping analyses.`);
      await server.close();
    }
  } finally {
    await application.close();
  }
  return { exitCode: 0, json: false };
}
