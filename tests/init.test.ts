import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentRulesMarkdown } from '../src/setup/agent-rules/agent-rules-markdown.js';
import { cursorRuleFile } from '../src/setup/agent-rules/cursor-rule-file.js';
import { initCommand } from '../src/cli/init-command.js';
import { rulesJsonSchema } from '../src/config/json-schema.js';
import { loadConfig } from '../src/config/load-config.js';
import { VaiderError } from '../src/base/errors.js';
import { defaultRules } from '../src/config/schema.js';
import { initProject } from '../src/setup/init-project.js';
import type { InitFileResult } from '../src/setup/setup-types.js';
import { scratchDir } from './helpers/media-fixtures.js';

const URL = 'http://localhost:3456/mcp';
const FILES = [
  '.cursor/mcp.json',
  '.vscode/mcp.json',
  '.mcp.json',
  '.cursor/rules/vaider.mdc',
  'VaiderRules.json',
  '.vaider/VaiderRules.schema.json',
  'CLAUDE.md',
  '.github/copilot-instructions.md',
  '.gitignore',
];

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-init-'));
});
afterEach(() => cleanup());

const read = (file: string): Promise<string> => readFile(path.join(dir, file), 'utf8');
const readJson = async (file: string): Promise<unknown> => JSON.parse(await read(file));
async function put(file: string, content: unknown): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
}
const actions = (results: readonly InitFileResult[]): Record<string, string> =>
  Object.fromEntries(results.map((r) => [r.file, r.action]));
/** Every file under the folder with its content and mtime, to prove a run wrote nothing. */
async function snapshot(): Promise<Record<string, { content: string; mtimeMs: number }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  const pairs = await Promise.all(
    files.map(async (file) => [file, { content: await read(file), mtimeMs: (await stat(path.join(dir, file))).mtimeMs }] as const),
  );
  return Object.fromEntries(pairs);
}
async function refusal(run: Promise<unknown>): Promise<VaiderError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof VaiderError) return error;
  throw new Error(`expected a VaiderError, got ${String(error)}`);
}

describe('vaider init on an empty folder', () => {
  it('creates every file in its client’s exact format', async () => {
    const results = await initProject({ dir });
    expect(results).toEqual(FILES.map((file) => ({ file, action: 'created' })));

    expect(await read('.cursor/mcp.json')).toBe(`{\n  "mcpServers": {\n    "vaider": {\n      "url": "${URL}"\n    }\n  }\n}\n`);
    expect(await readJson('.vscode/mcp.json')).toEqual({ servers: { vaider: { type: 'http', url: URL } } });
    expect(await readJson('.mcp.json')).toEqual({ mcpServers: { vaider: { type: 'http', url: URL } } });
    expect(await read('.vscode/mcp.json')).toMatch(/^\{\n {2}"servers": \{\n[^]*\}\n$/);

    const mdc = await read('.cursor/rules/vaider.mdc');
    expect(mdc).toBe(cursorRuleFile(defaultRules()));
    expect(mdc).toMatch(/^---\ndescription: .+\nglobs: test-output\/\*\*,test-results\/\*\*\nalwaysApply: false\n---\n/);
    expect(mdc).toContain('at most 5 times');
    expect(mdc).toContain('at most 3 times');
  });

  it('writes a starter VaiderRules.json whose $schema exists and which resolves to the defaults', async () => {
    await initProject({ dir });
    const starter = (await readJson('VaiderRules.json')) as Record<string, unknown>;
    expect(Object.keys(starter).slice(0, 6)).toEqual([
      '$schema',
      'video_trigger_pattern',
      'analysis_timeout_seconds',
      'on_mismatch',
      'max_mismatch_retries',
      'max_error_retries',
    ]);
    expect(starter.$schema).toBe('./.vaider/VaiderRules.schema.json');
    expect(await readJson(starter.$schema as string)).toEqual(rulesJsonSchema());
    const { rules } = loadConfig({ cwd: dir, env: {} });
    expect({ ...rules, $schema: undefined }).toEqual({ ...defaultRules(), $schema: undefined });
  });

  it('puts --host and --port into every URL, and the port into the starter rules so the server listens there', async () => {
    await initProject({ dir, host: '127.0.0.1', port: 4000 });
    expect(await readJson('.cursor/mcp.json')).toEqual({ mcpServers: { vaider: { url: 'http://127.0.0.1:4000/mcp' } } });
    expect(await readJson('.vscode/mcp.json')).toEqual({ servers: { vaider: { type: 'http', url: 'http://127.0.0.1:4000/mcp' } } });
    expect(loadConfig({ cwd: dir, env: {} }).rules.server.port).toBe(4000);
    const again = await initProject({ dir, host: '127.0.0.1', port: 4000 });
    expect(again.every((r) => r.action === 'unchanged')).toBe(true);
  });

  it('refuses a bad port or host before touching the folder', async () => {
    expect((await refusal(initProject({ dir, port: 70_000 }))).code).toBe('BAD_ARGUMENT');
    expect((await refusal(initProject({ dir, host: 'evil.example/x' }))).code).toBe('BAD_ARGUMENT');
    expect((await refusal(initProject({ dir, host: 'user@evil.example' }))).code).toBe('BAD_ARGUMENT');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('vaider init and the files the project owns', () => {
  it('adds its block to CLAUDE.md, the Copilot instructions and .gitignore, keeping what is there, and never twice', async () => {
    await put('CLAUDE.md', '# My project\n\nUse pnpm.\n');
    await put('.gitignore', 'node_modules\n');
    const first = actions(await initProject({ dir }));
    expect(first).toMatchObject({ 'CLAUDE.md': 'updated', '.gitignore': 'updated', '.github/copilot-instructions.md': 'created' });
    const claude = await read('CLAUDE.md');
    expect(claude.startsWith('# My project\n\nUse pnpm.\n\n<!-- vaider:begin')).toBe(true);
    expect(claude).toContain(agentRulesMarkdown(defaultRules()).trimEnd());
    expect(await read('.github/copilot-instructions.md')).toContain('at most 5 times');
    expect(await read('.gitignore')).toBe(
      'node_modules\n\n# vaider:begin (written by vaider init)\n' +
        "# Vaider's records of this machine: runs, watch jobs, caches, flow-run videos\n" +
        '/.vaider/*\n!/.vaider/baselines\n!/.vaider/VaiderRules.schema.json\n' +
        '# The HTML report of vaider report, rebuilt from the runs\n/vaider-report/\n# vaider:end\n',
    );

    // The user adds below the block; a changed retry policy is carried into the block in place.
    await put('CLAUDE.md', `${claude}\nMore notes.\n`);
    await put('VaiderRules.json', { max_mismatch_retries: 2 });
    expect(actions(await initProject({ dir }))).toMatchObject({ 'CLAUDE.md': 'updated', '.gitignore': 'unchanged' });
    const again = await read('CLAUDE.md');
    expect(again.match(/vaider:begin/g)).toHaveLength(1);
    expect(again).toContain('at most 2 times');
    expect(again.endsWith('<!-- vaider:end -->\n\nMore notes.\n')).toBe(true);
  });

  it('ignores only the report when the store lies outside the project', async () => {
    await put('VaiderRules.json', { store_dir: '../elsewhere' });
    const results = actions(await initProject({ dir }));
    expect(results['.gitignore']).toBe('created');
    const ignored = await read('.gitignore');
    expect(ignored).toContain('/vaider-report/');
    expect(ignored).not.toContain('elsewhere');
  });
});

describe('vaider init in a configured folder', () => {
  it('keeps the other servers and keys of each MCP file', async () => {
    const other = { command: 'npx', args: ['other-server'] };
    await put('.cursor/mcp.json', { mcpServers: { other } });
    await put('.vscode/mcp.json', { inputs: [{ id: 'token' }], servers: { other } });
    await put('.mcp.json', { mcpServers: { other }, note: 'kept' });
    const results = await initProject({ dir });
    expect(actions(results)).toMatchObject({ '.cursor/mcp.json': 'updated', '.vscode/mcp.json': 'updated', '.mcp.json': 'updated' });
    expect(await readJson('.cursor/mcp.json')).toEqual({ mcpServers: { other, vaider: { url: URL } } });
    expect(await readJson('.vscode/mcp.json')).toEqual({ inputs: [{ id: 'token' }], servers: { other, vaider: { type: 'http', url: URL } } });
    expect(await readJson('.mcp.json')).toEqual({ mcpServers: { other, vaider: { type: 'http', url: URL } }, note: 'kept' });
  });

  it('takes the retry numbers in the Cursor rule from the project’s VaiderRules.json', async () => {
    await put('VaiderRules.json', { max_mismatch_retries: 2, max_error_retries: 1 });
    const results = await initProject({ dir });
    expect(actions(results)['VaiderRules.json']).toBe('skipped');
    const mdc = await read('.cursor/rules/vaider.mdc');
    expect(mdc).toContain('at most 2 times');
    expect(mdc).toContain('at most once');
    expect(mdc).not.toContain('at most 5 times');
  });

  it('points editors at the server port of the project’s VaiderRules.json', async () => {
    await put('VaiderRules.json', { server: { port: 4100 } });
    await initProject({ dir });
    expect(await readJson('.mcp.json')).toEqual({ mcpServers: { vaider: { type: 'http', url: 'http://localhost:4100/mcp' } } });
  });

  it('changes nothing the second time: every file unchanged, same bytes, same mtimes', async () => {
    await put('.mcp.json', { mcpServers: { other: { command: 'x' } } });
    await initProject({ dir });
    const before = await snapshot();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await initProject({ dir });
    expect(again).toEqual(FILES.map((file) => ({ file, action: 'unchanged' })));
    expect(await snapshot()).toEqual(before);
  });

  it('keeps an edited vaider entry, Cursor rule and VaiderRules.json without --force', async () => {
    await initProject({ dir });
    const edited = {
      '.cursor/mcp.json': { mcpServers: { vaider: { url: 'http://localhost:9999/mcp' } } },
      '.vscode/mcp.json': { servers: { vaider: { type: 'http', url: 'http://box:1/mcp' } } },
      '.cursor/rules/vaider.mdc': '---\nalwaysApply: true\n---\nMy own rules.\n',
      'VaiderRules.json': { keyframes: { max: 8 } },
    };
    for (const [file, content] of Object.entries(edited)) await put(file, content);
    const before = await snapshot();
    const results = await initProject({ dir });
    expect(actions(results)).toEqual({
      '.cursor/mcp.json': 'skipped',
      '.vscode/mcp.json': 'skipped',
      '.mcp.json': 'unchanged',
      '.cursor/rules/vaider.mdc': 'skipped',
      'VaiderRules.json': 'skipped',
      '.vaider/VaiderRules.schema.json': 'unchanged',
      'CLAUDE.md': 'unchanged',
      '.github/copilot-instructions.md': 'unchanged',
      '.gitignore': 'unchanged',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('replaces them with --force, keeping each previous file as <file>.bak', async () => {
    await put('.cursor/mcp.json', { mcpServers: { vaider: { url: 'http://localhost:9999/mcp' }, other: { url: 'http://x/mcp' } } });
    await put('.cursor/rules/vaider.mdc', 'My own rules.\n');
    await put('VaiderRules.json', { keyframes: { max: 8 } });
    const results = await initProject({ dir, force: true });
    expect(results.filter((r) => r.backup)).toEqual([
      { file: '.cursor/mcp.json', action: 'updated', backup: '.cursor/mcp.json.bak' },
      { file: '.cursor/rules/vaider.mdc', action: 'updated', backup: '.cursor/rules/vaider.mdc.bak' },
      { file: 'VaiderRules.json', action: 'updated', backup: 'VaiderRules.json.bak' },
    ]);
    expect(await readJson('.cursor/mcp.json')).toEqual({ mcpServers: { vaider: { url: URL }, other: { url: 'http://x/mcp' } } });
    expect(await read('.cursor/rules/vaider.mdc')).toBe(cursorRuleFile(defaultRules()));
    expect(loadConfig({ cwd: dir, env: {} }).rules.keyframes.max).toBe(24);
    expect(await readJson('.cursor/mcp.json.bak')).toEqual({ mcpServers: { vaider: { url: 'http://localhost:9999/mcp' }, other: { url: 'http://x/mcp' } } });
    expect(await read('.cursor/rules/vaider.mdc.bak')).toBe('My own rules.\n');
    expect(await readJson('VaiderRules.json.bak')).toEqual({ keyframes: { max: 8 } });
  });
});

describe('vaider init and files it cannot read', () => {
  const withComments = '{\n  // mine\n  "servers": { "other": { "type": "stdio", "command": "x" } }\n}\n';

  it('refuses an MCP file that is not valid JSON, naming it, and writes nothing at all', async () => {
    await put('.vscode/mcp.json', withComments);
    const before = await snapshot();
    const error = await refusal(initProject({ dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^\.vscode\/mcp\.json: not a JSON object .*--force/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a servers key that is not an object', async () => {
    await put('.mcp.json', { mcpServers: ['vaider'] });
    const error = await refusal(initProject({ dir }));
    expect(error.message).toMatch(/^\.mcp\.json: "mcpServers" is not an object/);
  });

  it('replaces it with --force after keeping the original as <file>.bak', async () => {
    await put('.vscode/mcp.json', withComments);
    const results = await initProject({ dir, force: true });
    expect(results[1]).toEqual({ file: '.vscode/mcp.json', action: 'updated', backup: '.vscode/mcp.json.bak' });
    expect(await read('.vscode/mcp.json.bak')).toBe(withComments);
    expect(await readJson('.vscode/mcp.json')).toEqual({ servers: { vaider: { type: 'http', url: URL } } });
  });

  it('refuses an invalid VaiderRules.json it would keep, with the loader’s error', async () => {
    await put('VaiderRules.json', '{ "max_mismatch_retries": ');
    const error = await refusal(initProject({ dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/VaiderRules\.json: not valid JSON/);
    expect(existsSync(path.join(dir, '.cursor'))).toBe(false);
  });

  it('never follows a symlink out of the folder', async () => {
    const outside = await scratchDir('vaider-outside-');
    try {
      await symlink(outside.dir, path.join(dir, '.cursor'));
      expect((await refusal(initProject({ dir }))).code).toBe('PATH_OUTSIDE_ROOTS');
      expect(await readdir(outside.dir)).toEqual([]);
    } finally {
      await outside.cleanup();
    }
  });

  it('refuses a folder that does not exist', async () => {
    expect((await refusal(initProject({ dir: path.join(dir, 'nope') }))).code).toBe('BAD_ARGUMENT');
  });
});

describe('the init command', () => {
  it('prints one line per file, and a JSON array of { file, action } with --json', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await initCommand(['--dir', dir])).toEqual({ exitCode: 0, json: false });
      const lines = log.mock.calls.map(([line]) => String(line));
      expect(lines).toHaveLength(FILES.length);
      expect(lines[0]).toMatch(/^\.cursor\/mcp\.json +created$/);

      await put('.cursor/rules/vaider.mdc', 'edited\n');
      log.mockClear();
      expect(await initCommand(['--dir', dir])).toEqual({ exitCode: 0, json: false });
      expect(log.mock.calls.map(([line]) => String(line))).toContain('.cursor/rules/vaider.mdc         skipped (edited; use --force)');

      log.mockClear();
      expect(await initCommand(['--dir', dir, '--json'])).toEqual({ exitCode: 0, json: true });
      const printed = JSON.parse(String(log.mock.calls[0]![0])) as InitFileResult[];
      expect(printed).toEqual(
        FILES.map((file) => ({ file, action: file === '.cursor/rules/vaider.mdc' ? 'skipped' : 'unchanged' })),
      );
    } finally {
      log.mockRestore();
    }
  });

  it('rejects a port that is not a number', async () => {
    expect((await refusal(initCommand(['--dir', dir, '--port', 'http']))).code).toBe('BAD_ARGUMENT');
  });
});
