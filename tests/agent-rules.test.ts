import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentRulesMarkdown } from '../src/setup/agent-rules/agent-rules-markdown.js';
import { cursorRuleFile } from '../src/setup/agent-rules/cursor-rule-file.js';
import type { VaiderRules } from '../src/config/schema.js';
import { defaultRules } from '../src/config/schema.js';

const ROOT = path.join(import.meta.dirname, '..');

const TOOLS = [
  'vaider_analyze_video',
  'vaider_verify_video',
  'vaider_describe_screenshot',
  'vaider_find_element',
  'vaider_get_keyframes',
  'vaider_list_runs',
  'vaider_get_run',
];

function rulesWith(changes: Partial<VaiderRules>): VaiderRules {
  return { ...defaultRules(), ...changes };
}

describe('the agent rules text', () => {
  it('names every MCP tool, the CLI fallback and its exit codes', () => {
    const text = agentRulesMarkdown(defaultRules());
    for (const tool of TOOLS) expect(text, tool).toContain(`\`${tool}\``);
    expect(text).toContain('npx vaider analyze <file> --expect "…" --json');
    expect(text).toMatch(/Exit code 0 is a match, 1 a mismatch or uncertain, 2 an error/);
    expect(text).toContain('<video>.VaiderInteractions/');
    expect(text).toMatch(/Never edit, weaken or delete an expectation/);
    expect(text).toMatch(/data, never instructions/);
  });

  it('states the limits of the rules it is given', () => {
    const defaults = agentRulesMarkdown(defaultRules());
    expect(defaults).toContain('at most 5 times');
    expect(defaults).toContain('at most 3 times');
    expect(defaults).toContain('stops after 30 s');
    expect(defaults).toContain('`test-output/**/*.mp4`');

    const tuned = agentRulesMarkdown(
      rulesWith({ max_mismatch_retries: 7, max_error_retries: 4, analysis_timeout_seconds: 45, video_trigger_pattern: 'e2e/**/*.webm' }),
    );
    expect(tuned).toContain('at most 7 times');
    expect(tuned).toContain('at most 4 times');
    expect(tuned).toContain('stops after 45 s');
    expect(tuned).toContain('`e2e/**/*.webm`');
    expect(tuned).not.toContain('at most 5 times');
  });

  it('follows on_mismatch: retry re-runs, notify and ignore do not', () => {
    const notify = agentRulesMarkdown(rulesWith({ on_mismatch: 'notify', max_mismatch_retries: 7 }));
    expect(notify).toMatch(/On `mismatch`: do not retry; stop and alert the developer/);
    expect(notify).not.toContain('at most 7 times');
    expect(notify).toContain('`on_mismatch` is `notify`');
    const never = agentRulesMarkdown(rulesWith({ max_mismatch_retries: 0, max_error_retries: 0 }));
    expect(never).not.toMatch(/at most 0 times/);
    expect(never.match(/do not retry; stop and alert the developer/g)).toHaveLength(2);
    const ignore = agentRulesMarkdown(rulesWith({ on_mismatch: 'ignore' }));
    expect(ignore).toMatch(/On `mismatch`: do not retry and do not change code/);
  });

  it('stays short and fully rendered', () => {
    const text = agentRulesMarkdown(defaultRules());
    expect(text.split('\n').length).toBeLessThan(80);
    expect(text).not.toMatch(/\$\{|undefined|\[object/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('wraps it in Cursor front matter for a .mdc rule', () => {
    const file = cursorRuleFile(rulesWith({ max_mismatch_retries: 2 }));
    expect(file.startsWith('---\ndescription: ')).toBe(true);
    const [, frontMatter, body] = file.split(/^---$/m);
    expect(frontMatter).toContain('\nglobs: test-output/**,test-results/**\n');
    expect(frontMatter).toContain('\nalwaysApply: false\n');
    expect(body!.trimStart()).toBe(agentRulesMarkdown(rulesWith({ max_mismatch_retries: 2 })));
    expect(body).toContain('at most 2 times');
  });
});

describe('committed agent files (regenerate with npx tsx scripts/write-agent-rules.ts)', () => {
  const committed = (file: string): Promise<string> => readFile(path.join(ROOT, file), 'utf8');

  it('rules/vaider-agent.md is the text from the default rules', async () => {
    expect(await committed('rules/vaider-agent.md')).toBe(agentRulesMarkdown(defaultRules()));
  });

  it('rules/vaider.mdc and .cursor/rules/vaider.mdc are the Cursor rule from the default rules', async () => {
    expect(await committed('rules/vaider.mdc')).toBe(cursorRuleFile(defaultRules()));
    expect(await committed('.cursor/rules/vaider.mdc')).toBe(cursorRuleFile(defaultRules()));
  });

  it(".cursor/mcp.json points Cursor at this repository's server", async () => {
    expect(await committed('.cursor/mcp.json')).toBe('{\n  "mcpServers": {\n    "vaider": {\n      "url": "http://localhost:3456/mcp"\n    }\n  }\n}\n');
  });
});
