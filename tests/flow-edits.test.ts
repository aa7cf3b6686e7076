import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healingPatch, rewriteFlowSelectors } from '../src/healing/flow-edits.js';
import { assertRunnable, parseFlowFile } from '../src/healing/flow-schema.js';
import type { HealingEvent } from '../src/healing/healing-types.js';
import { scratchDir } from './helpers/media-fixtures.js';

const git = promisify(execFile);

const FLOW = `# Signing in, as a new user would.
name: sign-in
base_url: http://127.0.0.1:4173
steps:
  - goto: /login
  - fill: the Email field
    selector: '#email'
    value: alice@example.com
  - click: the Sign In button
    selector: "#submit"
expectations:
  - shows 'Welcome, Alice'
`;

/** Healed selectors with the characters that break naive quoting: quotes of both kinds and a backslash. */
const HEALED = [
  { old_selector: '#email', new_selector: `input[name="email"]` },
  { old_selector: '#submit', new_selector: `button:has-text('Sign in \\\\ "now"')` },
] as HealingEvent[];

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-flow-edits-'));
});
afterAll(() => cleanup());

describe('healing.patch', () => {
  it('is a unified diff that git apply accepts, leaving YAML that parses to the healed selectors', async () => {
    const flow = path.join(dir, 'flows', 'sign-in.flow.yaml');
    await git('git', ['init', '-q', dir]);
    await mkdir(path.dirname(flow));
    await writeFile(flow, FLOW);
    const patch = await healingPatch(flow, 'flows/sign-in.flow.yaml', HEALED);
    expect(patch).toMatch(/^--- a\/flows\/sign-in\.flow\.yaml\n\+\+\+ b\/flows\/sign-in\.flow\.yaml\n@@ /m);
    await writeFile(path.join(dir, 'healing.patch'), patch);
    await git('git', ['apply', '--check', 'healing.patch'], { cwd: dir });
    await git('git', ['apply', 'healing.patch'], { cwd: dir });
    const healed = await readFile(flow, 'utf8');
    expect(healed).toContain('# Signing in, as a new user would.');
    const steps = parseFlowFile(healed, 'sign-in.flow.yaml').steps;
    expect(steps[1]).toMatchObject({ selector: HEALED[0]!.new_selector });
    expect(steps[2]).toMatchObject({ selector: HEALED[1]!.new_selector });
  });

  it('is empty when no healed selector stands in the file; auto_commit rewrites the same way and keeps a .bak', async () => {
    const flow = path.join(dir, 'other.flow.yaml');
    await writeFile(flow, FLOW);
    expect(await healingPatch(flow, 'other.flow.yaml', [{ old_selector: '#gone', new_selector: '#new' } as HealingEvent])).toBe('');
    expect(await rewriteFlowSelectors(flow, HEALED)).toBe(2);
    expect(await readFile(`${flow}.bak`, 'utf8')).toBe(FLOW);
    expect(parseFlowFile(await readFile(flow, 'utf8'), 'other.flow.yaml').steps[2]).toMatchObject({ selector: HEALED[1]!.new_selector });
  });
});

describe('a flow that cannot run', () => {
  it('is refused before any attempt: a path to open and no base_url', () => {
    const flow = parseFlowFile(FLOW.replace('base_url: http://127.0.0.1:4173\n', ''), 'sign-in.flow.yaml');
    expect(() => assertRunnable(flow, 'sign-in.flow.yaml')).toThrow(/goto "\/login" is a path, so the flow needs a base_url/);
    expect(() => assertRunnable({ ...flow, base_url: 'http://127.0.0.1:4173' }, 'sign-in.flow.yaml')).not.toThrow();
  });
});
