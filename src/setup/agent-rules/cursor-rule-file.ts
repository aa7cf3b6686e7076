import type { VaiderRules } from '../../config/schema.js';
import { agentRulesMarkdown } from './agent-rules-markdown.js';

/**
 * Cursor's front matter is not quite YAML: `globs` is a comma-separated list without quotes or
 * brackets, as Cursor itself writes it. With alwaysApply false the rule attaches when test output is
 * in context, and the description lets the agent request it otherwise.
 */
const CURSOR_FRONT_MATTER = `---
description: Check every GUI test video or screenshot with Vaider before calling a test good
globs: test-output/**,test-results/**
alwaysApply: false
---`;

/** The .cursor/rules/vaider.mdc file: Cursor's front matter, then the agent rules. */
export function cursorRuleFile(rules: Readonly<VaiderRules>): string {
  return `${CURSOR_FRONT_MATTER}\n\n${agentRulesMarkdown(rules)}`;
}
