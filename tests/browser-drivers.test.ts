import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import type { BrowserDriver } from '../src/drivers/browser-driver.js';
import { launchPlaywrightDriver } from '../src/drivers/playwright-driver.js';
import { launchSeleniumDriver } from '../src/drivers/selenium-driver.js';
import { probeVideo } from '../src/media/probe.js';
import { scratchDir } from './helpers/media-fixtures.js';

const LOGIN_PAGE = path.join(import.meta.dirname, '../examples/login-app/index.html');
const VIEWPORT = { width: 1280, height: 720 };

let server: Server;
let origin: string;
let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;

/** Served over http rather than file:// so the page can fetch, and network logs have something to show. */
async function serveLoginApp(): Promise<void> {
  const html = await readFile(LOGIN_PAGE);
  server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else if (request.url === '/api/ping') response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
  await serveLoginApp();
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
});
afterAll(async () => {
  await vaider.close();
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

async function pngSize(png: Buffer): Promise<{ format?: string; width?: number; height?: number }> {
  const { format, width, height } = await sharp(png).metadata();
  return { format, width, height };
}

const bannerText = (driver: BrowserDriver) =>
  driver.executeScript<string | null>("const e = document.getElementById('error'); return e.hidden ? null : e.textContent;");

describe.each([
  { engine: 'playwright', launch: launchPlaywrightDriver, extension: '.webm' },
  { engine: 'selenium', launch: launchSeleniumDriver, extension: '.mp4' },
])('the $engine driver', ({ engine, launch, extension }) => {
  let driver: BrowserDriver;

  beforeAll(async () => {
    driver = await launch({ viewport: VIEWPORT });
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('navigates and reports the url, source and viewport', async () => {
    expect(driver.engine).toBe(engine);
    await driver.navigate(`${origin}/`);
    expect(await driver.url()).toBe(`${origin}/`);
    expect(await driver.pageSource()).toContain('data-testid="sign-in"');
    expect(driver.viewport()).toEqual(VIEWPORT);
  });

  it('types and clicks by selector and by point', async () => {
    await driver.type({ selector: '[data-testid=email]' }, 'alice@example.com');
    await driver.type({ selector: '[data-testid=password]' }, 'wrong');
    expect(await bannerText(driver)).toBeNull();
    await driver.click({ selector: '[data-testid=sign-in]' });
    expect(await bannerText(driver)).toBe('Invalid password');

    await driver.executeScript("document.getElementById('error').hidden = true;");
    const centre = await driver.executeScript<{ x: number; y: number }>(
      "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 };",
      '[data-testid=sign-in]',
    );
    await driver.click({ point: centre });
    expect(await bannerText(driver)).toBe('Invalid password');
    expect(await driver.executeScript('return document.activeElement.dataset.testid;')).toBe('sign-in');
  });

  it('takes a PNG of the viewport and resizes it', async () => {
    expect(await pngSize(await driver.screenshot())).toEqual({ format: 'png', ...VIEWPORT });
    const small = { width: 1024, height: 640 };
    await driver.setViewport(small);
    expect(driver.viewport()).toEqual(small);
    expect(await driver.executeScript('return { width: window.innerWidth, height: window.innerHeight };')).toEqual(small);
    expect(await pngSize(await driver.screenshot())).toEqual({ format: 'png', ...small });
    await driver.setViewport(VIEWPORT);
  });

  it('captures console errors and network requests', async () => {
    await driver.executeScript("console.error('vaider says ' + arguments[0]);", 'boom');
    expect(await driver.executeScript("return fetch('/api/ping').then((r) => r.status);")).toBe(200);
    // Playwright's events and chromedriver's logs both arrive a little after the command.
    await expect
      .poll(async () => {
        await driver.executeScript('return 1;');
        return driver.consoleLogs();
      })
      .toContainEqual(expect.objectContaining({ level: 'error', text: 'vaider says boom' }));
    await expect
      .poll(async () => {
        await driver.executeScript('return 1;');
        return driver.networkLogs();
      })
      .toContainEqual(expect.objectContaining({ method: 'GET', url: `${origin}/api/ping`, status: 200, failure: null }));
  });

  it('waits for visual stability, and gives up on a running animation', async () => {
    const still = await driver.waitForVisualStability({ timeoutMs: 5000 });
    expect(still.stable).toBe(true);
    expect(still.polls).toBeGreaterThan(1);

    await driver.executeScript(`
      const style = document.createElement('style');
      style.id = 'spin-style';
      style.textContent = '@keyframes slide { from { left: 0 } to { left: 900px } }';
      document.head.append(style);
      const box = document.createElement('div');
      box.id = 'spin';
      box.style.cssText = 'position:fixed;top:0;left:0;width:300px;height:300px;background:#000;animation:slide 0.8s linear infinite alternate';
      document.body.append(box);`);
    const moving = await driver.waitForVisualStability({ timeoutMs: 1500 });
    expect(moving.stable).toBe(false);
    expect(moving.waitedMs).toBeGreaterThanOrEqual(1500);
    await driver.executeScript("document.getElementById('spin').remove(); document.getElementById('spin-style').remove();");
  });

  it('records a video of the session', async () => {
    await driver.navigate(`${origin}/`);
    const file = path.join(dir, `${engine}-login${extension}`);
    await driver.startRecording(file);
    await driver.type({ selector: '[data-testid=email]' }, 'alice@example.com');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await driver.type({ selector: '[data-testid=password]' }, 'wrong');
    await driver.click({ selector: '[data-testid=sign-in]' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await driver.stopRecording()).toBe(file);

    const probe = await probeVideo(file);
    expect(probe.width).toBe(VIEWPORT.width);
    expect(probe.height).toBe(VIEWPORT.height);
    expect(probe.duration).toBeGreaterThan(1.5);
    if (engine === 'selenium') {
      const result = await vaider.analyze({ input: file, expectations: ["shows 'Invalid password'"] });
      expect(result.verdict?.status).toBe('match');
    }
  });
});
