import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { preparePlaywrightVideoFfmpeg } from '../src/drivers/playwright-ffmpeg/playwright-video-ffmpeg.js';
import VaiderReporter from '../src/playwright/vaider-reporter.js';
import { LOGIN_FLOW, makeVideo, scratchDir } from './helpers/media-fixtures.js';

const REPO = path.join(import.meta.dirname, '..');
const EXAMPLE = path.join(REPO, 'examples', 'playwright-project');
const SPEC = path.join(EXAMPLE, 'tests', 'sign-in.spec.ts');
const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');

interface JsonAttachment {
  name: string;
  contentType: string;
  path?: string;
  body?: string;
}
interface JsonResult {
  status: string;
  annotations: Array<{ type: string; description?: string }>;
  attachments: JsonAttachment[];
}
interface JsonSpec {
  title: string;
  line: number;
  tests: Array<{ annotations: Array<{ type: string; description?: string }>; results: JsonResult[] }>;
}
interface JsonSuite {
  specs: JsonSpec[];
  suites?: JsonSuite[];
}

function specsOf(suites: JsonSuite[]): JsonSpec[] {
  return suites.flatMap((s) => [...s.specs, ...specsOf(s.suites ?? [])]);
}

/** What each example test expects: the truth the sidecars and verdicts are checked against. */
const EXAMPLE_TESTS = {
  'a wrong password shows an error': {
    expectations: ["shows 'Sign in to continue' then 'Invalid password'", "never shows 'Welcome, Alice'"],
    verdict: 'match',
  },
  'the right password opens the dashboard': {
    expectations: ["at the end shows 'Welcome, Alice'", 'no error message'],
    verdict: 'match',
  },
  'the dashboard counts unread messages': {
    expectations: ["at the end shows 'You have 5 new messages'"],
    verdict: 'mismatch',
  },
} as const;

describe('the example Playwright project, run for real with the Vaider reporter', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let run: { code: number; stdout: string; stderr: string };
  let specs: JsonSpec[];

  beforeAll(async () => {
    ({ dir, cleanup } = await scratchDir('vaider-pw-reporter-'));
    // Not the developer's cache: a browsers folder of the test's own, prepared by the code `vaider setup playwright` runs.
    const browsers = await preparePlaywrightVideoFfmpeg(path.join(dir, 'browsers'), REPO);
    const env = {
      ...process.env,
      PLAYWRIGHT_BROWSERS_PATH: browsers,
      VAIDER_EXAMPLE_OUTPUT: path.join(dir, 'out'),
      // The videos are in the temp folder, outside the repository's allowed_roots.
      VAIDER_ALLOWED_ROOTS: dir,
      // Its runs are recorded there too.
      VAIDER_STORE_DIR: path.join(dir, '.vaider'),
      FORCE_COLOR: '0',
    };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', path.join(EXAMPLE, 'playwright.config.ts')], {
        cwd: REPO,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      run = { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      run = { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
    const reportFile = path.join(dir, 'out', 'report.json');
    if (!existsSync(reportFile)) throw new Error(`Playwright wrote no report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    specs = specsOf((JSON.parse(await readFile(reportFile, 'utf8')) as { suites: JsonSuite[] }).suites);
    // A whole Playwright run in Chromium plus the analyses: about 20 s alone, far more on a busy machine.
  }, 150_000);
  afterAll(() => cleanup());

  const resultOf = (title: string): JsonResult => specs.find((s) => s.title === title)!.tests[0]!.results[0]!;
  const videoOf = (title: string): string => resultOf(title).attachments.find((a) => a.name === 'video')!.path!;

  it('passes the Playwright tests: a mismatch is reported, not turned into a failure', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(specs.map((s) => s.title).sort()).toEqual(Object.keys(EXAMPLE_TESTS).sort());
  });

  it('writes <video>.expect.json next to each video, with the annotations and the test', async () => {
    for (const [title, { expectations }] of Object.entries(EXAMPLE_TESTS)) {
      const spec = specs.find((s) => s.title === title)!;
      const sidecar = JSON.parse(await readFile(`${videoOf(title)}.expect.json`, 'utf8'));
      expect(sidecar).toEqual({
        version: 1,
        expectations,
        test: { title, titlePath: ['sign-in.spec.ts', 'sign in', title], file: SPEC, line: spec.line, project: 'chromium' },
        status: 'passed',
      });
    }
  });

  it('adds each verdict to the JSON report as an attachment and an annotation, after analyzing the video', () => {
    for (const [title, { verdict }] of Object.entries(EXAMPLE_TESTS)) {
      const result = resultOf(title);
      const attachment = result.attachments.find((a) => a.name === 'vaider-verdict');
      expect(attachment?.contentType).toBe('application/json');
      const summary = JSON.parse(Buffer.from(attachment!.body!, 'base64').toString('utf8'));
      expect(summary.input).toBe(videoOf(title));
      expect(summary.verdict.status, `${title}: ${JSON.stringify(summary.verdict)}`).toBe(verdict);
      // The JSON result names its own attempt's folder, as the CLI and MCP do; the annotation names the video's folder.
      expect(summary.interactions_dir).toBe(`${videoOf(title)}.VaiderInteractions/attempts/001`);
      expect(existsSync(path.join(summary.interactions_dir, 'attempt.json'))).toBe(true);
      expect(existsSync(path.join(`${videoOf(title)}.VaiderInteractions`, 'status.json'))).toBe(true);

      const testAnnotations = specs.find((s) => s.title === title)!.tests[0]!.annotations;
      for (const annotations of [result.annotations, testAnnotations]) {
        const added = annotations.filter((a) => a.type === 'vaider-verdict').map((a) => a.description!);
        expect(added).toHaveLength(1);
        expect(added[0]!.startsWith(`${verdict.toUpperCase()}: `), added[0]).toBe(true);
        expect(added[0]!.endsWith(`(${videoOf(title)}.VaiderInteractions)`), added[0]).toBe(true);
      }
      // The analysis is a recorded run, and the test says where to find it (no server runs here: the CLI).
      expect(summary.run_id).toMatch(/^run_/);
      expect(result.annotations.filter((a) => a.type === 'vaider-run').map((a) => a.description)).toEqual([`npx vaider runs show ${summary.run_id}`]);
      // The run knows the test that recorded it, for the viewer's list and its search.
      expect(JSON.parse(readFileSync(path.join(dir, '.vaider', 'runs', `${summary.run_id}.json`), 'utf8')).test_title).toBe(title);
    }
    expect(resultOf('the dashboard counts unread messages').annotations.at(-1)!.description).toContain("'You have 5 new messages' does not appear");
  });

  it('prints one line per video', () => {
    expect(run.stderr).toMatch(/vaider: MATCH +sign in › a wrong password shows an error .*\.VaiderInteractions\//);
    expect(run.stderr).toMatch(/vaider: MISMATCH +sign in › the dashboard counts unread messages /);
  });
});

/** The reporter driven directly, for its options and its failures, on generated videos. */
describe('the Vaider reporter on its own', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let loginVideo: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await scratchDir('vaider-pw-reporter-unit-'));
    loginVideo = await makeVideo(path.join(dir, 'login.webm'), LOGIN_FLOW, { codec: 'vp9' });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await cleanup();
  });

  function finishedTest(video: string, expectations: string[]): { test: TestCase; result: TestResult } {
    const annotations = expectations.map((description) => ({ type: 'vaider', description }));
    const project = { type: 'project', title: 'chromium', project: () => ({ name: 'chromium' }) };
    const file = { type: 'file', title: 'login.spec.ts', parent: project, project: project.project };
    const result = { status: 'passed', errors: [], annotations, attachments: [{ name: 'video', contentType: 'video/webm', path: video }] };
    const test = { title: 'signs in', location: { file: path.join(dir, 'login.spec.ts'), line: 3, column: 1 }, parent: file, results: [result], annotations: [...annotations] };
    return { test: test as unknown as TestCase, result: result as unknown as TestResult };
  }

  async function runReporter(options: unknown, video: string, expectations: string[]) {
    const reporter = new VaiderReporter(options);
    reporter.onBegin({ rootDir: dir } as never);
    const { test, result } = finishedTest(video, expectations);
    reporter.onTestEnd(test, result);
    const returned = await reporter.onEnd({ status: 'passed' } as never);
    return { returned, test, result };
  }

  it('with analyze: false only writes the sidecar', async () => {
    const video = await makeVideo(path.join(dir, 'only-sidecar.webm'), LOGIN_FLOW, { codec: 'vp9' });
    const { returned, result } = await runReporter({ analyze: false }, video, ["shows 'Welcome, Alice'"]);
    expect(returned).toBeUndefined();
    expect(JSON.parse(await readFile(`${video}.expect.json`, 'utf8')).expectations).toEqual(["shows 'Welcome, Alice'"]);
    expect(result.attachments.map((a) => a.name)).toEqual(['video']);
    expect(existsSync(`${video}.VaiderInteractions`)).toBe(false);
  });

  it('with failOnMismatch fails the mismatching test itself and the run, and not on a match; attaches the contact sheet and the failing evidence', async () => {
    const mismatch = await runReporter({ failOnMismatch: true }, loginVideo, ["at the end shows 'Welcome, Bob'"]);
    expect(mismatch.returned).toEqual({ status: 'failed' });
    expect(mismatch.result.annotations.at(-1)!.description).toMatch(/^MISMATCH: /);
    expect(mismatch.result.status).toBe('failed');
    expect(mismatch.result.errors).toEqual([{ message: expect.stringMatching(/^Vaider: MISMATCH: /) }]);
    const images = mismatch.result.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.map((a) => a.name)).toEqual(['vaider-contact-sheet', 'vaider-evidence']);
    expect(images[0]!.path).toMatch(/keyframes\/contact-sheet\.png$/);
    expect(images[1]!.path).toMatch(/keyframes\/\d+_at_[\d.]+s\.png$/);
    for (const image of images) expect(existsSync(image.path!)).toBe(true);

    const match = await runReporter({ failOnMismatch: true }, loginVideo, ["at the end shows 'Welcome, Alice'"]);
    expect(match.returned).toBeUndefined();
    expect(match.result.annotations.at(-1)!.description).toMatch(/^MATCH: /);
    expect(match.result.status).toBe('passed');
    expect(match.result.attachments.filter((a) => a.name === 'vaider-evidence')).toEqual([]);
  });

  it('reports an analysis error on its video instead of failing the run', async () => {
    const notAVideo = path.join(dir, 'broken.webm');
    await writeFile(notAVideo, 'this is not a video');
    const { returned, test, result } = await runReporter({}, notAVideo, ["shows 'Welcome, Alice'"]);
    expect(returned).toBeUndefined();
    const attachment = result.attachments.find((a) => a.name === 'vaider-verdict')!;
    expect(JSON.parse(attachment.body!.toString('utf8')).error.code).toBe('INPUT_NOT_MEDIA');
    expect(test.annotations.at(-1)).toMatchObject({ type: 'vaider-verdict', description: expect.stringMatching(/^ERROR: INPUT_NOT_MEDIA: /) });
  });

  it('rejects an option of the wrong type when Playwright loads it', () => {
    expect(() => new VaiderReporter({ analyze: 'yes' })).toThrow(/"analyze" must be true or false/);
  });
});
