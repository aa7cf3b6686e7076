import { VaiderError } from '../base/errors.js';

/** One editor's project-level MCP configuration file, and how it spells a server entry. */
export interface McpClientFile {
  readonly file: string;
  readonly serversKey: 'mcpServers' | 'servers';
  readonly entry: (url: string) => Record<string, string>;
}

export const MCP_SERVER_NAME = 'vaider';

export const MCP_CLIENT_FILES: readonly McpClientFile[] = [
  // Cursor infers the transport from `url`.
  { file: '.cursor/mcp.json', serversKey: 'mcpServers', entry: (url) => ({ url }) },
  // VS Code and Claude Code need the transport named.
  { file: '.vscode/mcp.json', serversKey: 'servers', entry: (url) => ({ type: 'http', url }) },
  { file: '.mcp.json', serversKey: 'mcpServers', entry: (url) => ({ type: 'http', url }) },
];

export const DEFAULT_MCP_HOST = 'localhost';
export const DEFAULT_MCP_PORT = 3456;

/** The MCP endpoint URL; going through URL rejects a host that would smuggle in a path or credentials. */
export function mcpServerUrl(host: string = DEFAULT_MCP_HOST, port: number = DEFAULT_MCP_PORT): string {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new VaiderError('BAD_ARGUMENT', `--port must be a whole number from 1 to 65535, got "${port}".`);
  }
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  let url: URL | undefined;
  try {
    url = new URL(`http://${bracketed}:${port}/mcp`);
  } catch {
    url = undefined;
  }
  if (!host || !url || url.pathname !== '/mcp' || url.username || url.password || url.search || url.hash) {
    throw new VaiderError('BAD_ARGUMENT', `--host must be a host name or IP address, got "${host}".`);
  }
  return url.href;
}
