import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Browser, Builder, By, logging, Origin, type WebDriver, type WebElement } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import { VaiderError } from '../base/errors.js';
import type { BrowserDriver, ConsoleEntry, NetworkEntry, StabilityOptions, Target, Viewport, WaitCondition } from './browser-driver.js';
import { checkedRecordingPath, checkedViewport, chromiumArgs, DEFAULT_VIEWPORT, type DriverLaunchOptions } from './driver-launch-options.js';
import { ScreenshotVideoRecorder } from './screenshot-video-recorder.js';
import { consoleEntryFromBrowserLog, NetworkLogAssembler } from './selenium-log-entries.js';
import { SYSTEM_CHROMIUM } from './system-chromium.js';
import { waitForVisualStability } from './wait-for-visual-stability.js';

const CHROMEDRIVER = process.env.VAIDER_CHROMEDRIVER_PATH ?? '/usr/bin/chromedriver';

/** `networkidle` as Playwright means it: no request finishing for this long. */
const NETWORK_IDLE_MS = 500;
const NETWORK_IDLE_TIMEOUT_MS = 30_000;

export interface SeleniumLaunchOptions extends DriverLaunchOptions {
  /** Default VAIDER_CHROMEDRIVER_PATH or /usr/bin/chromedriver (Debian's chromium-driver). */
  chromedriverPath?: string;
}

/** selenium-webdriver has Actions#scroll (wheel input); @types/selenium-webdriver does not list it yet. */
interface WheelActions {
  scroll(x: number, y: number, deltaX: number, deltaY: number, origin: WebElement | Origin): { perform(): Promise<void> };
}

class SeleniumDriver implements BrowserDriver {
  readonly engine = 'selenium';
  private readonly consoleEntries: ConsoleEntry[] = [];
  private readonly network = new NetworkLogAssembler();
  private recorder: ScreenshotVideoRecorder | null = null;

  constructor(
    private readonly driver: WebDriver,
    private size: Viewport,
  ) {}

  /**
   * Chromedriver hands out logs only when asked, and each read empties its buffer, so they are read
   * after every command: what the page logs on its own later shows up at the next command.
   */
  private async collectLogs(): Promise<void> {
    const logs = this.driver.manage().logs();
    for (const raw of await logs.get(logging.Type.BROWSER)) this.consoleEntries.push(consoleEntryFromBrowserLog(raw));
    for (const raw of await logs.get(logging.Type.PERFORMANCE)) this.network.add(raw);
  }

  private async afterCommand<T>(result: T): Promise<T> {
    await this.collectLogs();
    return result;
  }

  async navigate(url: string, waitFor: WaitCondition = 'load'): Promise<void> {
    // WebDriver's get() already waits for load, which includes DOMContentLoaded.
    await this.driver.get(url);
    if (waitFor === 'networkidle') await this.waitForNetworkIdle();
    // Not reaching stability is no navigation failure: callers that care call waitForVisualStability.
    if (waitFor === 'visual-stable') await this.waitForVisualStability();
    await this.collectLogs();
  }

  /** Resource Timing lists a request once it finished, so an unchanged count means nothing finished. */
  private async waitForNetworkIdle(): Promise<void> {
    const count = () => this.driver.executeScript<number>("return performance.getEntriesByType('resource').length;");
    const started = Date.now();
    let last = await count();
    let quietSince = Date.now();
    while (Date.now() - quietSince < NETWORK_IDLE_MS && Date.now() - started < NETWORK_IDLE_TIMEOUT_MS) {
      await sleep(100);
      const now = await count();
      if (now !== last) quietSince = Date.now();
      last = now;
    }
  }

  private async clickPoint(point: { x: number; y: number }): Promise<void> {
    await this.driver.actions().move({ x: Math.round(point.x), y: Math.round(point.y), origin: Origin.VIEWPORT }).click().perform();
  }

  async click(target: Target): Promise<void> {
    if ('selector' in target) await this.driver.findElement(By.css(target.selector)).click();
    else await this.clickPoint(target.point);
    await this.collectLogs();
  }

  /** Types after what the field holds (sendKeys does not clear); a point is clicked first to focus it. */
  async type(target: Target, text: string): Promise<void> {
    if ('selector' in target) {
      await this.driver.findElement(By.css(target.selector)).sendKeys(text);
    } else {
      await this.clickPoint(target.point);
      await this.driver.actions().sendKeys(text).perform();
    }
    await this.collectLogs();
  }

  /** Wheel events over the target, so the element under it scrolls; with no target, the window. */
  async scroll(target: Target | null, delta: { x: number; y: number }): Promise<void> {
    const dx = Math.round(delta.x);
    const dy = Math.round(delta.y);
    if (target === null) {
      await this.driver.executeScript('window.scrollBy(arguments[0], arguments[1]);', dx, dy);
    } else if ('selector' in target) {
      const element = await this.driver.findElement(By.css(target.selector));
      await this.wheel().scroll(0, 0, dx, dy, element).perform();
    } else {
      await this.wheel().scroll(Math.round(target.point.x), Math.round(target.point.y), dx, dy, Origin.VIEWPORT).perform();
    }
    await this.collectLogs();
  }

  private wheel(): WheelActions {
    return this.driver.actions() as unknown as WheelActions;
  }

  async screenshot(): Promise<Buffer> {
    return Buffer.from(await this.driver.takeScreenshot(), 'base64');
  }

  async executeScript<T>(script: string, ...args: unknown[]): Promise<T> {
    return this.afterCommand(await this.driver.executeScript<T>(script, ...args));
  }

  consoleLogs(): ConsoleEntry[] {
    return this.consoleEntries.map((entry) => ({ ...entry }));
  }

  networkLogs(): NetworkEntry[] {
    return this.network.list();
  }

  viewport(): Viewport {
    return { ...this.size };
  }

  /**
   * WebDriver sizes the window, not the page, so the window is set, the page measured, and the
   * window grown by whatever the browser's own frame takes.
   */
  async setViewport(size: Viewport): Promise<void> {
    const wanted = checkedViewport(size);
    const window = this.driver.manage().window();
    await window.setRect({ width: wanted.width, height: wanted.height });
    const inner = await this.driver.executeScript<Viewport>('return { width: window.innerWidth, height: window.innerHeight };');
    if (inner.width !== wanted.width || inner.height !== wanted.height) {
      await window.setRect({ width: 2 * wanted.width - inner.width, height: 2 * wanted.height - inner.height });
    }
    this.size = wanted;
  }

  async pageSource(): Promise<string> {
    return this.afterCommand(await this.driver.getPageSource());
  }

  async url(): Promise<string> {
    return this.driver.getCurrentUrl();
  }

  waitForVisualStability(options: Partial<StabilityOptions> = {}) {
    return waitForVisualStability(() => this.screenshot(), options);
  }

  /** WebDriver cannot record, so screenshots are taken in a loop and encoded (see ScreenshotVideoRecorder). */
  async startRecording(file: string): Promise<void> {
    if (this.recorder) throw new VaiderError('BAD_ARGUMENT', 'Already recording: call stopRecording first.');
    const target = checkedRecordingPath(file, '.mp4', 'Selenium');
    this.recorder = new ScreenshotVideoRecorder(target, () => this.screenshot(), this.size);
  }

  async stopRecording(): Promise<string> {
    const recorder = this.recorder;
    if (!recorder) throw new VaiderError('BAD_ARGUMENT', 'Not recording: call startRecording first.');
    this.recorder = null;
    return recorder.stop();
  }

  /** Finishes a recording left running (saving it) before the browser goes. */
  async close(): Promise<void> {
    try {
      if (this.recorder) await this.stopRecording();
    } finally {
      await this.driver.quit();
    }
  }
}

/**
 * Chromium from Debian driven by Selenium through Debian's chromedriver. Selenium Manager is kept
 * offline (SE_OFFLINE) because the driver path is always given. Console and network entries come
 * from chromedriver's browser and performance logs (see collectLogs for when they arrive).
 */
export async function launchSeleniumDriver(options: SeleniumLaunchOptions = {}): Promise<BrowserDriver> {
  const viewport = checkedViewport(options.viewport ?? DEFAULT_VIEWPORT);
  const chromedriverPath = options.chromedriverPath ?? CHROMEDRIVER;
  if (!existsSync(chromedriverPath)) {
    throw new VaiderError('BAD_ARGUMENT', `No chromedriver at ${chromedriverPath}: install Debian's chromium-driver or set VAIDER_CHROMEDRIVER_PATH.`, { chromedriverPath });
  }
  process.env.SE_OFFLINE = 'true';
  const executablePath = options.executablePath ?? SYSTEM_CHROMIUM;
  const chromeOptions = new chrome.Options();
  chromeOptions.setChromeBinaryPath(executablePath);
  chromeOptions.addArguments(...chromiumArgs(options.headless ?? true), `--window-size=${viewport.width},${viewport.height}`);
  chromeOptions.set('goog:loggingPrefs', { browser: 'ALL', performance: 'ALL' });
  let driver: WebDriver;
  try {
    driver = await new Builder()
      .forBrowser(Browser.CHROME)
      .setChromeOptions(chromeOptions)
      .setChromeService(new chrome.ServiceBuilder(chromedriverPath))
      .build();
  } catch (error) {
    throw new VaiderError('INTERNAL', `Could not start Chromium at ${executablePath} with chromedriver ${chromedriverPath}: ${(error as Error).message}`, { executablePath, chromedriverPath }, { cause: error });
  }
  const selenium = new SeleniumDriver(driver, viewport);
  try {
    await selenium.setViewport(viewport);
  } catch (error) {
    await driver.quit();
    throw error;
  }
  return selenium;
}
