import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, OVERVIEW, optionsOf, usageOf } from '../src/cli/command-help.js';
import { didYouMean } from '../src/cli/did-you-mean.js';
import { runProcess } from '../src/media/run-process.js';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

async function vaider(...args: string[]) {
  const run = await runProcess(process.execPath, [BIN, ...args], { cwd: import.meta.dirname });
  return { code: run.code, stdout: run.stdout.toString('utf8'), stderr: run.stderr };
}

describe('help on every command', () => {
  it('gives each command its usage, options with defaults, and an example, and lists them all', () => {
    for (const command of COMMANDS) {
      for (const name of command.names) {
        expect(OVERVIEW).toContain(`  ${command.summary}`);
        expect(usageOf(name), name).toMatch(new RegExp(`^Usage: vaider ${name === 'watch' || name === 'mcp' ? 'serve' : name}`));
        expect(usageOf(name), name).toMatch(/\nExample: vaider /);
      }
    }
    expect(optionsOf('analyze')).toEqual(expect.arrayContaining(['--expect', '--expect-file', '--timeout', '--json', '--help']));
  });

  it('suggests the near miss of a mistyped name, and nothing for a far one', () => {
    expect(didYouMean('anlyze', ['analyze', 'diff'])).toBe(' Did you mean "analyze"?');
    expect(didYouMean('--expct', optionsOf('analyze'))).toBe(' Did you mean "--expect"?');
    expect(didYouMean('deploy', ['analyze', 'diff'])).toBe('');
  });

  it('answers --help, --version and mistakes from the shell: 0 for help, 2 and one line for a mistake', async () => {
    const [help, version, typo, option] = await Promise.all([
      vaider('analyze', '--help'),
      vaider('--version'),
      vaider('anlyze', 'x.mp4'),
      vaider('analyze', 'x.mp4', '--expct', 'shows it'),
    ]);
    expect(help).toMatchObject({ code: 0, stdout: `${usageOf('analyze')}\n` });
    const pkg = JSON.parse(await readFile(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('vaider: BAD_ARGUMENT: Unknown command "anlyze". Did you mean "analyze"? Run "vaider help" for the commands.\n');
    expect(option.code).toBe(2);
    expect(option.stderr).toBe(
      'vaider: BAD_ARGUMENT: Unknown option --expct for "vaider analyze". Did you mean "--expect"? Run "vaider analyze --help" for its options.\n',
    );
  });
});
