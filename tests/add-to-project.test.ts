import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from './helpers/media-fixtures.js';

/**
 * The README's "Add Vaider to your project", run for real: Vaider installed from a clone into a fresh
 * project that has Playwright tests, then `vaider init`, `vaider setup playwright`, `playwright test`
 * and `vaider analyze`, each exactly as the section writes it. Only npm packages are fetched (from the
 * warm cache); the browser is Debian's Chromium.
 */

const REPO = path.join(import.meta.dirname, '..');
const SECTION_TITLE = '## Add Vaider to your project';

/** The version this repository installed: npm takes it from the cache, and its ffmpeg revision is one `vaider setup` knows. */
const PLAYWRIGHT_VERSION = (
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@playwright/test/package.json'), 'utf8')) as { version: string }
).version;

/** Not part of the README's commands: they only make npm use the warm cache and stay quiet. */
const NPM_CACHE_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];

const VIDEO = 'test-results/welcome-greets-Alice/video.webm';
const COMMANDS = {
  install: ['npm', 'install', '--save-dev', '--install-links', '../vaider'],
  init: ['npx', 'vaider', 'init'],
  setup: ['npx', 'vaider', 'setup', 'playwright'],
  playwright: ['npx', 'playwright', 'test'],
  analyze: ['npx', 'vaider', 'analyze', VIDEO, '--expect', "shows 'Welcome, Alice'"],
} as const;

const ANNOTATION = `{ annotation: { type: 'vaider', description: "shows 'Welcome, Alice'" } }`;

/** The user's page: opened from disk, so no server is needed. */
const WELCOME_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>My app</title></head>
  <body style="font-family: sans-serif; margin: 48px">
    <h1>Welcome, Alice</h1>
    <p>You have 3 new messages</p>
  </body>
</html>
`;

/** The user's existing test, with the annotation the README shows. */
const WELCOME_SPEC = `import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';

test('greets Alice', ${ANNOTATION}, async ({ page }) => {
  await page.goto(pathToFileURL(path.join(__dirname, 'welcome.html')).href);
  await expect(page.getByText('Welcome, Alice')).toBeVisible();
  // Vaider keeps a screen once it has held still for half a second of video.
  await page.waitForTimeout(1500);
});
`;

function readmeSection(): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${SECTION_TITLE}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION_TITLE}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function codeBlock(section: string, language: string): string {
  const block = new RegExp('```' + language + '\\n([^]*?)```').exec(section);
  if (!block) throw new Error(`the README section has no \`\`\`${language} block`);
  return block[1]!;
}

/** The argv as a user types it in a shell. */
function shellLine(argv: readonly string[]): string {
  return argv.map((arg) => (/[\s']/.test(arg) ? `"${arg}"` : arg)).join(' ');
}

/** What a user's shell has: none of the npm, vitest or Vaider variables of the process running this test. */
function userEnv(browsersPath: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|vaider_|vitest)/i.test(key) && key !== 'INIT_CWD'));
  return { ...env, PLAYWRIGHT_BROWSERS_PATH: browsersPath, FORCE_COLOR: '0' };
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** No shell: the argv is passed as it is. (runProcess takes no environment, and this needs one.) */
function run(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  const [file, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(file!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

const transcript = (ran: Ran): string => `exit ${ran.code}\n--- stdout\n${ran.stdout}\n--- stderr\n${ran.stderr}`;

describe('the README: add Vaider to your project', () => {
  const section = readmeSection();
  let dir: string;
  let cleanup: (() => Promise<void>) | undefined;
  /** The user's clone of Vaider, as `../vaider` from their project. */
  let clone: string;
  let app: string;
  let browsers: string;
  let env: NodeJS.ProcessEnv;
  let install: Ran;
  const inApp = (argv: readonly string[]): Promise<Ran> => run(argv, app, env);

  beforeAll(async () => {
    ({ dir, cleanup } = await scratchDir('vaider-add-to-project-'));
    clone = path.join(dir, 'vaider');
    app = path.join(dir, 'app');
    // Not the developer's Playwright cache: `vaider setup playwright` has to make its link here.
    browsers = path.join(dir, 'ms-playwright');
    env = userEnv(browsers);

    // The clone: the working tree's sources and what package.json publishes, but no dist/, which the
    // install's `prepare` must build. Its `npm install` is this repository's (TypeScript for the build).
    const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { files: string[] };
    const entries = new Set(['package.json', 'tsconfig.json', 'src', ...pkg.files.filter((f) => f !== 'dist')]);
    await Promise.all([...entries].map((entry) => cp(path.join(REPO, entry), path.join(clone, entry), { recursive: true })));
    await symlink(path.join(REPO, 'node_modules'), path.join(clone, 'node_modules'));

    // The user's project: CommonJS (npm's default), with Playwright and one test of a local page.
    await mkdir(path.join(app, 'tests'), { recursive: true });
    await writeFile(
      path.join(app, 'package.json'),
      `${JSON.stringify({ name: 'my-app', version: '1.0.0', private: true, devDependencies: { '@playwright/test': PLAYWRIGHT_VERSION } }, null, 2)}\n`,
    );
    await writeFile(path.join(app, 'playwright.config.ts'), codeBlock(section, 'ts'));
    await writeFile(path.join(app, 'tests', 'welcome.html'), WELCOME_PAGE);
    await writeFile(path.join(app, 'tests', 'welcome.spec.ts'), WELCOME_SPEC);

    // One install for every step: the prepare build (about 15 s) and some 200 packages from the cache;
    // several times that on a busy two-core machine.
    install = await inApp([...COMMANDS.install, ...NPM_CACHE_FLAGS]);
  }, 240_000);
  afterAll(() => cleanup?.());

  it('tells the user to run exactly these commands, with this config and annotation', () => {
    const lines = codeBlock(section, 'sh')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
    expect(lines[0]).toMatch(/^npm install --save-dev git\+https:\/\/\S+\.git$/);
    expect(lines.slice(1)).toEqual(Object.values(COMMANDS).map(shellLine));
    expect(codeBlock(section, 'ts')).toMatch(/^\/\/ playwright\.config\.ts\n/);
    expect(section).toContain(`test('greets Alice', ${ANNOTATION}, …)`);
  });

  it('npm install builds Vaider from the clone and installs a working bin and reporter', () => {
    expect(install.code, transcript(install)).toBe(0);
    // prepare ran: the clone had no dist/.
    expect(existsSync(path.join(clone, 'dist', 'cli', 'main.js'))).toBe(true);
    // A copy, not a link to the clone, holding what a published package holds: no src/, so the bin runs dist/.
    const installed = path.join(app, 'node_modules', 'vaider');
    expect(lstatSync(installed).isDirectory()).toBe(true);
    expect(existsSync(path.join(installed, 'src'))).toBe(false);
    expect(existsSync(path.join(app, 'node_modules', '.bin', 'vaider'))).toBe(true);
    expect(createRequire(path.join(app, 'package.json')).resolve('vaider/playwright')).toBe(
      path.join(installed, 'dist', 'playwright', 'vaider-reporter.js'),
    );
  });

  it('npx vaider init writes the MCP configs, agent rules, rules file and .gitignore lines', async () => {
    const init = await inApp(COMMANDS.init);
    expect(init.code, transcript(init)).toBe(0);
    for (const file of ['.mcp.json', '.cursor/mcp.json', '.vscode/mcp.json', 'CLAUDE.md', 'VaiderRules.json', '.gitignore']) {
      expect(init.stdout).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')} +created$`, 'm'));
      expect(existsSync(path.join(app, file)), file).toBe(true);
    }
  });

  it('npx vaider setup playwright links the ffmpeg Vaider installed where Playwright looks for its own', async () => {
    const setup = await inApp(COMMANDS.setup);
    expect(setup.code, transcript(setup)).toBe(0);
    const browsersJson = JSON.parse(await readFile(path.join(app, 'node_modules', 'playwright-core', 'browsers.json'), 'utf8')) as {
      browsers: Array<{ name: string; revision: string }>;
    };
    const revision = browsersJson.browsers.find((b) => b.name === 'ffmpeg')!.revision;
    const link = path.join(browsers, `ffmpeg-${revision}`, 'ffmpeg-linux');
    expect(realpathSync(link)).toBe(realpathSync(path.join(app, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg')));
  });

  it('npx playwright test records the test in Chromium and the reporter prints its verdict', async () => {
    const playwright = await inApp(COMMANDS.playwright);
    expect(playwright.code, transcript(playwright)).toBe(0);
    expect(playwright.stdout).toContain('1 passed');
    // The line the README quotes, exactly.
    const quoted = /`(vaider: MATCH .*)`/.exec(section)?.[1];
    expect(quoted).toBeDefined();
    expect(playwright.stderr.split('\n'), transcript(playwright)).toContain(quoted);
    const sidecar = JSON.parse(await readFile(path.join(app, `${VIDEO}.expect.json`), 'utf8')) as { expectations: string[] };
    expect(sidecar.expectations).toEqual(["shows 'Welcome, Alice'"]);
    // A whole Playwright run in Chromium plus the analysis: about 15 s alone.
  }, 150_000);

  it('npx vaider analyze says MATCH with exit 0, and a wrong expectation is a mismatch with exit 1', async () => {
    const match = await inApp(COMMANDS.analyze);
    expect(match.code, transcript(match)).toBe(0);
    expect(match.stdout).toMatch(/^Verdict: MATCH /m);
    expect(match.stdout).toContain("PASS  shows 'Welcome, Alice'");

    const mismatch = await inApp(['npx', 'vaider', 'analyze', VIDEO, '--expect', "shows 'Welcome, Bob'", '--json']);
    expect(mismatch.code, transcript(mismatch)).toBe(1);
    expect((JSON.parse(mismatch.stdout) as { verdict: { status: string } }).verdict.status).toBe('mismatch');
  }, 90_000);
});
