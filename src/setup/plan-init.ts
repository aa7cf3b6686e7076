import path from 'node:path';
import { agentRulesMarkdown } from './agent-rules/agent-rules-markdown.js';
import { cursorRuleFile } from './agent-rules/cursor-rule-file.js';
import { gitignoreBlock } from './gitignore-block.js';
import { GITIGNORE_MARKERS, MARKDOWN_MARKERS, planManagedBlock } from './plan-managed-block.js';
import { loadConfig, RULES_FILE_NAME } from '../config/load-config.js';
import { MCP_CLIENT_FILES, mcpServerUrl } from './mcp-clients.js';
import { planGeneratedFile } from './plan-generated-file.js';
import { planMcpConfig } from './plan-mcp-config.js';
import { readTarget } from './read-target.js';
import type { FilePlan } from './setup-types.js';
import { RULES_SCHEMA_COPY, rulesSchemaText, starterRules, starterRulesText } from './starter-rules-file.js';

export const CURSOR_RULE_FILE = '.cursor/rules/vaider.mdc';
/** Claude Code reads CLAUDE.md; VS Code's Copilot reads .github/copilot-instructions.md. */
export const AGENT_INSTRUCTION_FILES = ['CLAUDE.md', '.github/copilot-instructions.md'] as const;

export interface PlanInitOptions {
  force: boolean;
  host: string | undefined;
  port: number | undefined;
}

/**
 * Decides every file before writing any, so a refusal (a bad flag, an unreadable file, invalid rules)
 * leaves the folder as it was.
 */
export async function planInit(realDir: string, { force, host, port }: PlanInitOptions): Promise<FilePlan[]> {
  const urlFromFlags = mcpServerUrl(host, port);
  const read = (file: string): Promise<string | undefined> => readTarget(realDir, file);

  const rulesPlan = planGeneratedFile(RULES_FILE_NAME, await read(RULES_FILE_NAME), starterRulesText(port), { force, userEditable: true });
  // The project will run with a kept VaiderRules.json, or else the starter. The environment is left
  // out on purpose: these files are shared, one shell's VAIDER_* variables are not.
  const rules =
    rulesPlan.action === 'skipped' ? loadConfig({ rulesPath: path.join(realDir, RULES_FILE_NAME), env: {} }).rules : starterRules(port);
  // Without --port, editors go where the project's server listens; port 0 (any free port) cannot be written down.
  const url = port === undefined && rules.server.port !== 0 ? mcpServerUrl(host, rules.server.port) : urlFromFlags;

  const plans: FilePlan[] = [];
  for (const client of MCP_CLIENT_FILES) plans.push(planMcpConfig(client, await read(client.file), url, force));
  const userEditable = { force, userEditable: true };
  plans.push(planGeneratedFile(CURSOR_RULE_FILE, await read(CURSOR_RULE_FILE), cursorRuleFile(rules), userEditable));
  plans.push(rulesPlan);
  plans.push(planGeneratedFile(RULES_SCHEMA_COPY, await read(RULES_SCHEMA_COPY), rulesSchemaText(), { force, userEditable: false }));
  // Files the user owns get a marked block of Vaider's: Claude Code's and Copilot's instructions carry
  // the same agent rules as Cursor's, and git leaves the machine-local store and the default report alone.
  const rulesText = agentRulesMarkdown(rules);
  for (const file of AGENT_INSTRUCTION_FILES) plans.push(planManagedBlock(file, await read(file), rulesText, MARKDOWN_MARKERS));
  plans.push(planManagedBlock('.gitignore', await read('.gitignore'), gitignoreBlock(rules), GITIGNORE_MARKERS));
  return plans;
}
