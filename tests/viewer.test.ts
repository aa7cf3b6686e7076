import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { openHealingStore } from '../src/healing/healing-store.js';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../src/drivers/system-chromium.js';
import { startServer, type ServerHandle } from '../src/server/start-server.js';
import { LOGIN_ERROR_SCREEN, LOGIN_FLOW, WELCOME_SCREEN, makeScreenshot, makeVideo, scratchDir, type TimedScreen } from './helpers/media-fixtures.js';

/** The login flow again, where the welcome page greets another name: drift against the first run. */
const RENAMED_FLOW: TimedScreen[] = LOGIN_FLOW.map((s) =>
  s.screen === WELCOME_SCREEN ? { ...s, screen: { ...WELCOME_SCREEN, texts: WELCOME_SCREEN.texts!.map((t) => (t.text === 'Welcome, Alice' ? { ...t, text: 'Welcome, Alicia' } : t)) } } : s,
);

/** The part of a page's <video> the test reads (the test's own types have no DOM). */
interface VideoElement {
  currentTime: number;
  readyState: number;
  addEventListener(type: string, listener: (value: unknown) => void, options: { once: boolean }): void;
}

interface Answer {
  error?: { code: string };
  run?: { review: string | null };
}
const answer = async (response: Response) => (await response.json()) as Answer;

describe('the web viewer in vaider serve, in Chromium', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let vaider: Vaider;
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;
  let video: string;
  let firstRun: string;
  let driftRun: string;
  const baselineJson = () => readFile(path.join(dir, '.vaider', 'baselines', 'test-output__login.webm', 'baseline.json'), 'utf8');

  beforeAll(async () => {
    ({ dir, cleanup } = await scratchDir('vaider-viewer-'));
    await mkdir(path.join(dir, 'test-output'));
    video = path.join(dir, 'test-output', 'login.webm');
    await makeVideo(video, LOGIN_FLOW, { codec: 'vp8' });
    const config = loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], drift: true } });
    vaider = await openVaider(config, { ownStore: true });
    const expectations = ["at the end shows 'You have 3 new messages'"];
    firstRun = (await vaider.runs.analyze({ input: video, expectations, requestedBy: 'test' })).run.id;
    // The same test recorded again after a change: a new file at the same path, compared with the baseline.
    await rm(video);
    await makeVideo(video, RENAMED_FLOW, { codec: 'vp8' });
    driftRun = (await vaider.runs.analyze({ input: video, expectations, requestedBy: 'test' })).run.id;
    server = await startServer({ vaider, host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await vaider?.close();
    await cleanup?.();
  });

  it('lists the runs, newest first, and filters and searches them', async () => {
    await page.goto(`${server.url}/`);
    const rows = page.getByTestId('run-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-run')).toBe(driftRun);
    await page.getByTestId('search').fill('no-such-test');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('search').fill('login');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId('status-filter').selectOption('error');
    await expect.poll(() => rows.count()).toBe(0);
  });

  it('shows a run finished after the page opened, without a reload (server-sent events)', async () => {
    await page.goto(`${server.url}/#/`);
    const rows = page.getByTestId('run-row');
    await expect.poll(() => rows.count()).toBe(2);
    const screenshot = await makeScreenshot(path.join(dir, 'test-output', 'error.png'), LOGIN_ERROR_SCREEN);
    const { run } = await vaider.runs.analyze({ input: screenshot, expectations: ["shows 'Invalid password'"], requestedBy: 'test' });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    expect(await rows.first().getAttribute('data-run')).toBe(run.id);
  });

  it('seeks the video to a keyframe, and to an expectation’s evidence with its box drawn', async () => {
    await page.goto(`${server.url}/#/runs/${driftRun}`);
    const keyframes = page.getByTestId('keyframe');
    await expect.poll(() => keyframes.count()).toBeGreaterThan(1);
    const last = keyframes.last();
    const time = Number(await last.getAttribute('data-time'));
    expect(time).toBeGreaterThan(0);
    const currentTime = () => page.getByTestId('video').evaluate((v) => (v as unknown as VideoElement).currentTime);
    await page.getByTestId('video').evaluate((v) => {
      const video = v as unknown as VideoElement;
      return video.readyState >= 1 ? undefined : new Promise((r) => video.addEventListener('loadedmetadata', r, { once: true }));
    });
    await last.click();
    await expect.poll(currentTime).toBeCloseTo(time, 1);
    await page.getByTestId('evidence').first().click();
    await expect.poll(() => page.getByTestId('frame-image').getByTestId('outline').count()).toBe(1);
    expect(await currentTime()).toBeGreaterThanOrEqual(4);
  });

  it('rejecting a drift leaves the baseline as it was; accepting makes the run the baseline on disk', async () => {
    const before = await baselineJson();
    expect(JSON.parse(before).source_run).not.toBe(driftRun);
    await page.goto(`${server.url}/#/runs/${driftRun}/drift`);
    await expect.poll(() => page.getByTestId('drift').first().textContent()).toBe('functional');
    await expect.poll(() => page.getByTestId('text-changes').textContent()).toContain('Alicia');
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('review-status').textContent()).toContain('Rejected');
    expect(await baselineJson()).toBe(before);
    expect((await vaider.runs.get(driftRun)).review?.decision).toBe('rejected');

    await page.getByTestId('accept').click();
    await expect.poll(() => page.getByTestId('review-status').textContent()).toContain('Accepted');
    const after = JSON.parse(await baselineJson());
    expect(after.source_run).toBe(driftRun);
    expect(after.approved_at).not.toBeNull();
    expect((await vaider.runs.get(driftRun)).review?.decision).toBe('accepted');
  });

  it('refuses changes without the page’s CSRF token or from another origin', async () => {
    const accept = `${server.url}/v1/runs/${firstRun}/drift/reject`;
    const bare = await fetch(accept, { method: 'POST' });
    expect(bare.status).toBe(403);
    expect((await answer(bare)).error?.code).toBe('CSRF_INVALID');
    const page = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    const token = /name="vaider-csrf" content="([^"]+)"/.exec(await page.text())![1]!;
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const otherPort = await fetch(accept, { method: 'POST', headers: { cookie, 'x-vaider-csrf': token, origin: 'http://127.0.0.1:1' } });
    expect(otherPort.status).toBe(403);
    const wrongToken = await fetch(accept, { method: 'POST', headers: { cookie, 'x-vaider-csrf': `${token}x`, origin: server.url } });
    expect(wrongToken.status).toBe(403);
    const ok = await fetch(accept, { method: 'POST', headers: { cookie, 'x-vaider-csrf': token, origin: server.url } });
    expect(ok.status).toBe(200);
    expect((await answer(ok)).run?.review).toBe('rejected');
  });

  it('serves a run’s input and its artifacts, and nothing else in or out of the roots', async () => {
    const get = (file: string) => fetch(`${server.url}/v1/files?path=${encodeURIComponent(file)}`);
    const media = await get(video);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-security-policy')).toContain('sandbox');
    const status = await get(path.join(dir, 'test-output', 'login.webm.VaiderInteractions', 'status.json'));
    expect(status.status).toBe(200);
    await writeFile(path.join(dir, 'secret.env'), 'TOKEN=1');
    const notArtifact = await get(path.join(dir, 'secret.env'));
    expect(notArtifact.status).toBe(403);
    expect((await answer(notArtifact)).error?.code).toBe('FILE_NOT_SERVED');
    const outside = await get('/etc/passwd');
    expect(outside.status).toBe(403);
    expect((await answer(outside)).error?.code).toBe('PATH_OUTSIDE_ROOTS');
    const traversal = await get(path.join(dir, 'test-output', 'login.webm.VaiderInteractions', '..', '..', 'secret.env'));
    expect(traversal.status).toBe(403);
  });

  it('marks the newest run of an input the retry loop gave up on as needing attention, with its reason', async () => {
    // What the retry loop writes when it gives up (app/watch/retry-loop.ts), in the input's interactions folder.
    const ledger = { retry: { mismatch: 5, error: 0 }, attention: 'Still mismatching after 5 re-runs.', carried: { total: 0, mismatches: 0, errors: 0 }, pruned: 0 };
    await writeFile(path.join(`${video}.VaiderInteractions`, 'ledger.json'), JSON.stringify(ledger));
    await page.goto(`${server.url}/#/?q=login`);
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    const marked = page.getByTestId('run-row').filter({ has: page.getByTestId('attention') });
    await expect.poll(() => marked.count()).toBe(1);
    expect(await marked.getAttribute('data-run')).toBe(driftRun);
    await page.goto(`${server.url}/#/runs/${driftRun}`);
    await expect.poll(() => page.getByTestId('attention').textContent()).toContain('Still mismatching after 5 re-runs.');
  });

  it('shows a healed locator with its before and after screenshots, and records the approval', async () => {
    const evidence = path.join(dir, 'flows', 'sign-in.flow.yaml.VaiderInteractions');
    await mkdir(evidence, { recursive: true });
    const before = await makeScreenshot(path.join(evidence, 'heal-1-before.png'), LOGIN_ERROR_SCREEN);
    const after = await makeScreenshot(path.join(evidence, 'heal-1-after.png'), LOGIN_ERROR_SCREEN);
    const store = await openHealingStore(path.join(dir, '.vaider'));
    await store.add({
      id: 'heal_1',
      flow: 'flows/sign-in.flow.yaml',
      step: 3,
      description: 'the Sign In button',
      old_selector: '#login-btn',
      new_selector: 'role=button[name="Sign In"]',
      problem: 'not_found',
      method: 'ocr',
      confidence: 0.86,
      decision: 'proposed',
      candidates: [],
      before_screenshot: before,
      after_screenshot: after,
      created_at: new Date().toISOString(),
      review: 'pending',
    });
    await page.goto(`${server.url}/#/healing`);
    const card = page.getByTestId('healing-event');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('#login-btn');
    // The screenshots are served: the images decoded.
    await expect.poll(() => card.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth))).toEqual([1280, 1280]);
    await page.getByTestId('approve-healing').click();
    await expect.poll(async () => (await vaider.healingEvents())[0]?.review).toBe('approved');
    await expect.poll(() => page.getByTestId('healing-review').textContent()).toBe('approved');
  });
});
