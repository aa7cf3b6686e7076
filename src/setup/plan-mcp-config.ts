import { isDeepStrictEqual } from 'node:util';
import { VaiderError } from '../base/errors.js';
import { jsonText } from '../base/atomic-write.js';
import { MCP_SERVER_NAME, type McpClientFile } from './mcp-clients.js';
import type { FilePlan } from './setup-types.js';

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds the vaider server to one editor's MCP file, keeping every other server and key. An entry the
 * user changed is theirs until --force. A file we cannot parse (VS Code allows comments, for one) is
 * refused rather than rewritten, since rewriting would drop what we cannot read; --force replaces it
 * after a backup.
 */
export function planMcpConfig(client: McpClientFile, existing: string | undefined, url: string, force: boolean): FilePlan {
  const { file, serversKey } = client;
  const entry = client.entry(url);
  if (existing === undefined) {
    return { file, action: 'created', content: jsonText({ [serversKey]: { [MCP_SERVER_NAME]: entry } }), backup: false };
  }

  const config = parseObject(existing);
  const servers = config?.[serversKey] ?? {};
  if (!config || !isJsonObject(servers)) {
    if (!force) {
      const problem = config ? `"${serversKey}" is not an object` : 'not a JSON object (comments are not supported)';
      throw new VaiderError(
        'CONFIG_INVALID',
        `${file}: ${problem}; left untouched. Fix it, add the ${MCP_SERVER_NAME} server by hand, or run with --force (keeps ${file}.bak).`,
        { file },
      );
    }
    return { file, action: 'updated', content: jsonText({ ...config, [serversKey]: { [MCP_SERVER_NAME]: entry } }), backup: true };
  }

  const current = servers[MCP_SERVER_NAME];
  if (isDeepStrictEqual(current, entry)) return { file, action: 'unchanged', backup: false };
  const edited = current !== undefined;
  if (edited && !force) return { file, action: 'skipped', backup: false };
  const merged = { ...config, [serversKey]: { ...servers, [MCP_SERVER_NAME]: entry } };
  return { file, action: 'updated', content: jsonText(merged), backup: edited };
}
