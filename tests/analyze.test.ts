import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { VaiderError } from '../src/base/errors.js';
import { LOGIN_ERROR_SCREEN, LOGIN_FLOW, makeScreenshot, makeVideo, scratchDir } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;
let video: string;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
  video = await makeVideo(path.join(dir, 'login.mp4'), LOGIN_FLOW);
});
afterAll(async () => {
  await vaider.close();
  await cleanup();
});

const EXPECTATIONS = [
  "The page shows 'Welcome, Alice' after signing in",
  "does not show 'Invalid password'",
  'the Sign In button is blue',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back for assertions
async function readJson(file: string): Promise<any> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Pixels of the contact sheet drawn in its failure red: the frames around failing evidence. */
async function failRedPixels(sheet: string): Promise<number> {
  const { data, info } = await sharp(sheet).raw().toBuffer({ resolveWithObject: true });
  let count = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i] === 0xd9 && data[i + 1] === 0x30 && data[i + 2] === 0x25) count++;
  return count;
}

describe('the contact sheet', () => {
  it('is a grid of four columns, and frames the evidence of a failed expectation in red', async () => {
    // A copy of its own: the other tests count the attempts in the video's interactions folder.
    const clip = path.join(dir, 'sheet.mp4');
    await copyFile(video, clip);
    const passing = await vaider.analyze({ input: clip, expectations: ["at the end shows 'Welcome, Alice'"] });
    const sheet = await sharp(passing.contactSheetPath!).metadata();
    const count = passing.keyframes.length;
    expect(sheet.width).toBe(8 + Math.min(4, count) * (320 + 8));
    expect(sheet.height).toBe(8 + Math.ceil(count / 4) * (180 + 28 + 8));
    const unmarked = await failRedPixels(passing.contactSheetPath!);

    const failing = await vaider.analyze({ input: clip, expectations: ["does not show 'Invalid password'"] });
    expect(failing.verdict!.results[0]).toMatchObject({ status: 'fail', evidence: { path: expect.stringContaining('/keyframes/') } });
    // One tile's 4 px frame, about 2 × (324 + 184) × 4 px, more than the red of the screens themselves.
    expect(await failRedPixels(failing.contactSheetPath!)).toBeGreaterThan(unmarked + 3000);
  });
});

describe('analyze a login video', () => {
  it('describes each step, judges each expectation with its evidence frame', async () => {
    const progress: number[] = [];
    const result = await vaider.analyze({ input: video, expectations: EXPECTATIONS, onProgress: (p) => progress.push(p.fraction) });

    expect(result.description.steps.map((s) => Math.round(s.time))).toEqual([0, 2, 4]);
    expect(result.description.steps[0]!.text).toMatch(/Sign in to continue/);
    expect(result.description.steps[1]!.text).toMatch(/Invalid password.*appeared/);
    expect(result.description.steps[2]!.text).toMatch(/Welcome, Alice/);

    const [welcome, noError, blue] = result.verdict!.results;
    expect(welcome).toMatchObject({ status: 'pass', evidence: { time: 4 } });
    expect(welcome!.evidence!.path).toBe(result.keyframes[2]!.path);
    expect(noError).toMatchObject({ status: 'fail', evidence: { time: 2 } });
    expect(blue!.status).toBe('uncertain');
    expect(result.verdict!.status).toBe('mismatch');
    expect(result.verdict!.confidence).toBeGreaterThan(0.5);

    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('leaves everything asked and answered in a folder of its own, summed up at the top', async () => {
    const result = await vaider.analyze({ input: video, expectations: EXPECTATIONS.slice(0, 1) });
    const folder = `${video}.VaiderInteractions`;
    // This is the second analysis of the video: its own attempt folder, numbered from 01 again.
    const attempt = path.join(folder, 'attempts', '002');
    expect(result.interactionsDir).toBe(attempt);
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['README.md', 'server.log', 'status.json', 'attempts']));
    expect(await readdir(path.join(folder, 'attempts'))).toEqual(['001', '002']);
    const files = await readdir(attempt);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'attempt.json', 'keyframes', 'text-timeline.json', '01_describe_request.json']));

    const verifyRequest = await readJson(path.join(attempt, '02_verify_request.json'));
    expect(verifyRequest).toMatchObject({ operation: 'verify', provider: 'local', expectations: EXPECTATIONS.slice(0, 1) });
    expect(verifyRequest.frames[0].path).toBe('keyframes/01_at_0.00s.png');
    const describeResponse = await readJson(path.join(attempt, '01_describe_response.json'));
    expect(describeResponse.observations[2].lines.map((l: { text: string }) => l.text)).toContain('Welcome, Alice');

    const status = await readJson(path.join(folder, 'status.json'));
    expect(status).toMatchObject({ state: 'done', attempts: { total: 2, mismatches: 1, errors: 0 }, last_verdict: { status: 'match' }, pruned: 0 });
    expect(status.history.map((h: { dir: string; verdict: string }) => [h.dir, h.verdict])).toEqual([
      ['attempts/001', 'mismatch'],
      ['attempts/002', 'match'],
    ]);

    const events = (await readFile(path.join(attempt, 'server.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).event);
    expect(events).toEqual(expect.arrayContaining(['agent.analyze_requested', 'internal.timeline_read', 'internal.analysis_done']));

    const textTimeline = await readJson(path.join(attempt, 'text-timeline.json'));
    expect(textTimeline.coverage).toMatchObject({ complete: true, gaps: [] });
    const invalid = textTimeline.spans.find((s: { text: string }) => s.text === 'Invalid password');
    expect(invalid).toMatchObject({ first_seen: 2, last_seen: 3.9, keyframe: 1 });

    const readme = await readFile(path.join(attempt, 'README.md'), 'utf8');
    expect(readme).toMatch(/\*\*Verdict:\*\* MATCH \(confidence/);
    expect(readme).toContain('keyframes/03_at_4.00s.png');
    const summary = await readFile(path.join(folder, 'README.md'), 'utf8');
    expect(summary).toContain('**Latest:** attempt 2 (analysis): MATCH');
    expect(summary).toMatch(/\| 1 \| analysis \| .* \| new \| MISMATCH \| \[attempts\/001\]/);
    expect(summary).toMatch(/\| 2 \| analysis \| .* \| same as #1 \| MATCH \|/);

    const timeline = await readJson(path.join(attempt, 'keyframes', 'timeline.json'));
    expect(timeline.keyframes).toHaveLength(3);

    for (const file of files.filter((f) => f.endsWith('.json'))) {
      expect(await readFile(path.join(attempt, file), 'utf8'), file).not.toMatch(/data:image|[A-Za-z0-9+/]{200,}/);
    }
  });

  it('gives concurrent analyses of one video their own folders, and prunes beyond keep_attempts', async () => {
    const busy = await makeVideo(path.join(dir, 'busy.mp4'), LOGIN_FLOW.slice(0, 2));
    const config = loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], interactions: { keep_attempts: 6 } } });
    const other = await openVaider(config);
    try {
      const results = await Promise.all(Array.from({ length: 8 }, () => other.analyze({ input: busy, expectations: ["shows 'Sign In'"] })));
      expect(new Set(results.map((r) => r.interactionsDir)).size).toBe(8);
      const folder = `${busy}.VaiderInteractions`;
      const kept = await readdir(path.join(folder, 'attempts'));
      for (const r of results.filter((r) => kept.includes(path.basename(r.interactionsDir)))) {
        // Each attempt's keyframes are its own: none was deleted under another analysis.
        expect(r.keyframes.every((k) => k.path.startsWith(r.interactionsDir))).toBe(true);
        for (const k of r.keyframes) expect((await readFile(k.path)).length).toBeGreaterThan(0);
      }
      expect(await readdir(path.join(folder, 'attempts'))).toHaveLength(6);
      const status = await readJson(path.join(folder, 'status.json'));
      expect(status).toMatchObject({ state: 'done', attempts: { total: 8 }, pruned: 2 });
      expect(await readFile(path.join(folder, 'README.md'), 'utf8')).toContain('2 older attempts were removed to keep the last 6');
      for (const attempt of kept) expect(await readFile(path.join(folder, 'attempts', attempt, 'server.log'), 'utf8')).toContain('internal.analysis_done');
      const log = (await readFile(path.join(folder, 'server.log'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(log.filter((e) => e.event === 'internal.attempts_pruned').flatMap((e) => e.attempts)).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('redacts secrets from every file it writes', async () => {
    const secretVideo = await makeVideo(path.join(dir, 'secret.mp4'), LOGIN_FLOW.slice(0, 1));
    const key = 'sk-live0123456789abcdefghijklmnop';
    await vaider.analyze({ input: secretVideo, expectations: [`shows 'Sign In' (api_key=${key})`] });
    const folder = `${secretVideo}.VaiderInteractions`;
    const written = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !e.name.endsWith('.png'));
    expect(written.length).toBeGreaterThan(5);
    for (const file of written) expect(await readFile(path.join(file.parentPath, file.name), 'utf8'), file.name).not.toContain(key);
    expect(await readFile(path.join(folder, 'attempts', '001', '02_verify_request.json'), 'utf8')).toContain('[REDACTED]');
  });
});

describe('other inputs', () => {
  it('analyses a Playwright-style webm', async () => {
    const webm = await makeVideo(path.join(dir, 'login.webm'), LOGIN_FLOW, { codec: 'vp8' });
    const result = await vaider.analyze({ input: webm, expectations: ["at the end shows 'Welcome, Alice'"] });
    expect(result.verdict!.status).toBe('match');
    expect(result.media.codec).toBe('vp8');
  });

  it('analyses png and jpg screenshots as one frame', async () => {
    const png = await makeScreenshot(path.join(dir, 'error.png'), LOGIN_ERROR_SCREEN);
    const jpg = path.join(dir, 'error.jpg');
    await writeFile(jpg, await sharp(png).jpeg({ quality: 90 }).toBuffer());
    for (const input of [png, jpg]) {
      const result = await vaider.analyze({ input, expectations: ["shows 'Invalid password'", "shows 'Sign In'"] });
      expect(result.media.kind).toBe('image');
      expect(result.keyframes).toHaveLength(1);
      expect(result.verdict!.status, input).toBe('match');
    }
  });

  it("checks the input's own expectations when none are given, from its sidecar, and says where they came from", async () => {
    const own = path.join(dir, 'own.mp4');
    await copyFile(video, own);
    await writeFile(`${own}.expect.md`, "- shows 'Welcome, Alice'\n- shows 'Access denied'\n");
    const sidecar = await vaider.analyze({ input: own });
    expect(sidecar.expectationsSource).toBe('expect.md');
    expect(sidecar.verdict?.results.map((r) => r.status)).toEqual(['pass', 'fail']);
    // Given ones come first, and the run service (REST, MCP, the watcher) finds them the same way.
    const given = await vaider.analyze({ input: own, expectations: ["shows 'Dashboard'"] });
    expect(given).toMatchObject({ expectationsSource: 'explicit', verdict: { status: 'match' } });
    const { run } = await vaider.runs.analyze({ input: own });
    expect(run.expectations).toEqual(["shows 'Welcome, Alice'", "shows 'Access denied'"]);
    expect(run.result).toMatchObject({ expectations_source: 'expect.md', verdict: { status: 'mismatch' } });
  });

  it('says when the provider asked for cannot be used, instead of falling back in silence', async () => {
    const keyless = await openVaider(vaider.config, { env: {} });
    const result = await keyless.analyze({ input: video, expectations: ["shows 'Welcome, Alice'"], provider: 'gemini' }).finally(() => keyless.close());
    expect(result.verdict?.status).toBe('match');
    expect(result.warnings[0]).toBe(
      'gemini cannot be used: gemini needs an API key: set GEMINI_API_KEY (or GOOGLE_API_KEY). Its fallbacks answer instead, ending with the offline local provider.',
    );
  });

  it('describes only when there are no expectations', async () => {
    const result = await vaider.analyze({ input: video });
    expect(result.verdict).toBeNull();
    expect(result.expectationsSource).toBe('none');
    expect(result.description.summary).toMatch(/^6\.0 s, the text on screen changed 2 times, starting on 'Sign in to continue', ending on 'Dashboard'\.$/);
  });
});

describe('stopping', () => {
  it('honours cancellation', async () => {
    const controller = new AbortController();
    const pending = vaider.analyze({ input: video, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('stops at analysis_timeout_seconds and records the timeout', async () => {
    const hurried = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], analysis_timeout_seconds: 0.01 } }));
    try {
      const error = await hurried.analyze({ input: video }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VaiderError);
      expect((error as VaiderError).code).toBe('ANALYSIS_TIMEOUT');
      expect((await readJson(`${video}.VaiderInteractions/status.json`)).last_error.code).toBe('ANALYSIS_TIMEOUT');
    } finally {
      await hurried.close();
    }
  });
});
