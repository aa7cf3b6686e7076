import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright';
import { VaiderError } from '../base/errors.js';
import type { BrowserDriver, ConsoleEntry, NetworkEntry, StabilityOptions, Target, Viewport, WaitCondition } from './browser-driver.js';
import { consoleLevel } from './console-level.js';
import { checkedRecordingPath, checkedViewport, chromiumArgs, DEFAULT_VIEWPORT, type DriverLaunchOptions } from './driver-launch-options.js';
import { preparePlaywrightVideoFfmpeg } from './playwright-ffmpeg/playwright-video-ffmpeg.js';
import { SYSTEM_CHROMIUM } from './system-chromium.js';
import { waitForVisualStability } from './wait-for-visual-stability.js';

/**
 * Runs a function body with `arguments`, as WebDriver's executeScript does, so one script works
 * with either engine. Serialised into the page by Playwright, so it must stay self-contained.
 */
function runScriptBody({ body, args }: { body: string; args: unknown[] }): unknown {
  return new Function(body)(...args);
}

class PlaywrightDriver implements BrowserDriver {
  readonly engine = 'playwright';
  private readonly consoleEntries: ConsoleEntry[] = [];
  private readonly networkEntries: NetworkEntry[] = [];
  private readonly requestEntries = new WeakMap<Request, NetworkEntry>();
  private recordingFile: string | null = null;

  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private size: Viewport,
  ) {
    page.on('console', (message) => {
      this.consoleEntries.push({ level: consoleLevel(message.type()), text: message.text(), time: Date.now() });
    });
    page.on('request', (request) => {
      const entry: NetworkEntry = { method: request.method(), url: request.url(), status: null, failure: null, time: Date.now() };
      this.requestEntries.set(request, entry);
      this.networkEntries.push(entry);
    });
    page.on('response', (response) => {
      const entry = this.requestEntries.get(response.request());
      if (entry) entry.status = response.status();
    });
    page.on('requestfailed', (request) => {
      const entry = this.requestEntries.get(request);
      if (entry) entry.failure = request.failure()?.errorText ?? 'failed';
    });
  }

  async navigate(url: string, waitFor: WaitCondition = 'load'): Promise<void> {
    await this.page.goto(url, { waitUntil: waitFor === 'visual-stable' ? 'load' : waitFor });
    // Not reaching stability is no navigation failure: callers that care call waitForVisualStability.
    if (waitFor === 'visual-stable') await this.waitForVisualStability();
  }

  async click(target: Target): Promise<void> {
    if ('selector' in target) await this.page.locator(target.selector).click();
    else await this.page.mouse.click(target.point.x, target.point.y);
  }

  /** Types after what the field holds, as a user (and WebDriver's sendKeys) would; it does not clear. */
  async type(target: Target, text: string): Promise<void> {
    if ('selector' in target) {
      await this.page.locator(target.selector).pressSequentially(text);
    } else {
      await this.page.mouse.click(target.point.x, target.point.y);
      await this.page.keyboard.type(text);
    }
  }

  /** Wheel events over the target, so the element under it scrolls; with no target, the window. */
  async scroll(target: Target | null, delta: { x: number; y: number }): Promise<void> {
    if (target === null) {
      await this.executeScript('window.scrollBy(arguments[0], arguments[1]);', delta.x, delta.y);
      return;
    }
    if ('selector' in target) await this.page.locator(target.selector).hover();
    else await this.page.mouse.move(target.point.x, target.point.y);
    await this.page.mouse.wheel(delta.x, delta.y);
  }

  async screenshot(): Promise<Buffer> {
    return this.page.screenshot({ type: 'png' });
  }

  async executeScript<T>(script: string, ...args: unknown[]): Promise<T> {
    return (await this.page.evaluate(runScriptBody, { body: script, args })) as T;
  }

  consoleLogs(): ConsoleEntry[] {
    return this.consoleEntries.map((entry) => ({ ...entry }));
  }

  networkLogs(): NetworkEntry[] {
    return this.networkEntries.map((entry) => ({ ...entry }));
  }

  viewport(): Viewport {
    return { ...this.size };
  }

  async setViewport(size: Viewport): Promise<void> {
    this.size = checkedViewport(size);
    await this.page.setViewportSize(this.size);
  }

  pageSource(): Promise<string> {
    return this.page.content();
  }

  async url(): Promise<string> {
    return this.page.url();
  }

  waitForVisualStability(options: Partial<StabilityOptions> = {}) {
    return waitForVisualStability(() => this.screenshot(), options);
  }

  /**
   * Playwright's page screencast records the page that is already open, so recording starts
   * mid-session without a new context (unlike `recordVideo`, which must be chosen when a context is
   * created and would lose the page's state). Frames are sized to the viewport at the start.
   */
  async startRecording(file: string): Promise<void> {
    if (this.recordingFile) throw new VaiderError('BAD_ARGUMENT', `Already recording to ${this.recordingFile}.`);
    const target = checkedRecordingPath(file, '.webm', 'Playwright');
    await this.page.screencast.start({ path: target, size: this.size });
    this.recordingFile = target;
  }

  async stopRecording(): Promise<string> {
    const file = this.recordingFile;
    if (!file) throw new VaiderError('BAD_ARGUMENT', 'Not recording: call startRecording first.');
    this.recordingFile = null;
    await this.page.screencast.stop();
    return file;
  }

  /** Stops a recording left running (saving it) before the browser goes. */
  async close(): Promise<void> {
    try {
      if (this.recordingFile) await this.stopRecording();
    } finally {
      await this.browser.close();
    }
  }
}

/**
 * Chromium from Debian driven by Playwright, one page in one context; pages the site opens itself
 * (popups) are not followed. Playwright encodes video with an ffmpeg it would download, so the
 * bundled one is linked under PLAYWRIGHT_BROWSERS_PATH (a temporary folder unless set) before
 * Playwright is first imported, which is when it reads that variable.
 */
export async function launchPlaywrightDriver(options: DriverLaunchOptions = {}): Promise<BrowserDriver> {
  const viewport = checkedViewport(options.viewport ?? DEFAULT_VIEWPORT);
  process.env.PLAYWRIGHT_BROWSERS_PATH = await preparePlaywrightVideoFfmpeg(
    process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.tmpdir(), 'vaider-playwright'),
    import.meta.dirname,
  );
  const { chromium } = await import('playwright');
  const executablePath = options.executablePath ?? SYSTEM_CHROMIUM;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: chromiumArgs(options.headless ?? true), headless: options.headless ?? true });
  } catch (error) {
    throw new VaiderError('INTERNAL', `Could not start Chromium at ${executablePath} with Playwright: ${(error as Error).message}`, { executablePath }, { cause: error });
  }
  try {
    const page = await (await browser.newContext({ viewport })).newPage();
    return new PlaywrightDriver(browser, page, viewport);
  } catch (error) {
    await browser.close();
    throw error;
  }
}
