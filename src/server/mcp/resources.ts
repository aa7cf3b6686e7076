import { readFile } from 'node:fs/promises';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { VaiderError } from '../../base/errors.js';
import { redactSecrets, redactText } from '../../base/redact-secrets.js';
import { runMarkdown } from './run-markdown.js';
import type { Vaider } from '../../app/vaider.js';

export const RULES_URI = 'vaider://rules';
export const runUri = (id: string) => `vaider://runs/${id}`;

function single(value: string | string[] | undefined, name: string): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) throw new VaiderError('BAD_ARGUMENT', `The resource URI has no ${name}.`);
  return v;
}

/**
 * Runs as markdown, their keyframes as PNG blobs, and the resolved rules. Text leaves redacted, like
 * tool results: a run holds screen text, and rules can hold keys. Keyframes are pixels.
 */
export function registerResources(server: McpServer, app: Vaider): void {
  server.registerResource(
    'rules',
    RULES_URI,
    { title: 'Resolved VaiderRules', description: 'The rules in force: defaults, VaiderRules.json, VAIDER_* variables and flags applied.', mimeType: 'application/json' },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(redactSecrets(app.config.rules), null, 2) }],
    }),
  );

  server.registerResource(
    'run',
    new ResourceTemplate('vaider://runs/{id}', {
      list: async () => ({
        resources: (await app.runs.list({ limit: 50 })).map((run) => ({
          uri: runUri(run.id),
          name: run.id,
          title: redactText(`${run.state}${run.result?.verdict ? ` ${run.result.verdict.status}` : ''}: ${run.input}`),
          mimeType: 'text/markdown',
        })),
      }),
    }),
    { title: 'Run summary', description: 'One analysis as markdown: verdict, evidence, what happened. Subscribe to hear when it changes.', mimeType: 'text/markdown' },
    async (uri, variables) => ({
      // The record is redacted whole, so a secret found in one field is masked where it appears in others.
      contents: [{ uri: uri.href, mimeType: 'text/markdown', text: runMarkdown(redactSecrets(await app.runs.get(single(variables.id, 'run id')))) }],
    }),
  );

  server.registerResource(
    'keyframe',
    new ResourceTemplate('vaider://runs/{id}/keyframes/{index}', { list: undefined }),
    { title: 'Keyframe image', description: 'A keyframe of a run at full resolution (PNG); index is 0-based.', mimeType: 'image/png' },
    async (uri, variables) => {
      const run = await app.runs.get(single(variables.id, 'run id'));
      const index = Number(single(variables.index, 'keyframe index'));
      const keyframe = run.result?.keyframes[index];
      if (!keyframe) throw new VaiderError('BAD_ARGUMENT', `Run ${run.id} has no keyframe ${index}.`);
      const blob = (await readFile(keyframe.path)).toString('base64');
      return { contents: [{ uri: uri.href, mimeType: 'image/png', blob }] };
    },
  );
}
