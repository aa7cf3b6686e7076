import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { agentRulesMarkdown } from '../src/setup/agent-rules/agent-rules-markdown.js';
import { cursorRuleFile } from '../src/setup/agent-rules/cursor-rule-file.js';
import { writeFileAtomic } from '../src/base/atomic-write.js';
import { defaultRules } from '../src/config/schema.js';
import { MCP_CLIENT_FILES, mcpServerUrl } from '../src/setup/mcp-clients.js';
import { planMcpConfig } from '../src/setup/plan-mcp-config.js';

/**
 * Regenerates the committed agent files from the single source, with the default rules:
 * rules/vaider-agent.md, rules/vaider.mdc (shipped in the package), and this repository's own
 * .cursor/rules/vaider.mdc and .cursor/mcp.json. tests/agent-rules.test.ts fails when they drift.
 * Run: npx tsx scripts/write-agent-rules.ts
 */
const root = path.join(import.meta.dirname, '..');
const rules = defaultRules();
const cursor = MCP_CLIENT_FILES.find((client) => client.file === '.cursor/mcp.json')!;
const files: Record<string, string> = {
  'rules/vaider-agent.md': agentRulesMarkdown(rules),
  'rules/vaider.mdc': cursorRuleFile(rules),
  '.cursor/rules/vaider.mdc': cursorRuleFile(rules),
  // Exactly what `vaider init` creates in a folder without one.
  '.cursor/mcp.json': planMcpConfig(cursor, undefined, mcpServerUrl(), false).content!,
};
for (const [file, content] of Object.entries(files)) {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFileAtomic(path.join(root, file), content);
  console.log(`wrote ${file}`);
}
