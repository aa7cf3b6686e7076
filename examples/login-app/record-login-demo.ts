import { rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { preparePlaywrightVideoFfmpeg } from '../../src/drivers/playwright-ffmpeg/playwright-video-ffmpeg.js';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../../src/drivers/system-chromium.js';


const PAGE = pathToFileURL(path.join(import.meta.dirname, 'index.html')).href;

/**
 * Records the demo login flow in real Chromium with Playwright's video recorder: a wrong password
 * (the red "Invalid password" banner), then the right one (the "Welcome, Alice" dashboard). Each
 * screen is held for a second so it settles. Returns the path of the .webm.
 */
export async function recordLoginDemo(outFile: string): Promise<string> {
  // The playwright-core to prepare for is the one this file imports, resolved from here.
  process.env.PLAYWRIGHT_BROWSERS_PATH = await preparePlaywrightVideoFfmpeg(path.join(os.tmpdir(), 'vaider-playwright'), import.meta.dirname);
  // Imported only now: Playwright reads PLAYWRIGHT_BROWSERS_PATH when it loads.
  const { chromium } = await import('playwright');
  const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      recordVideo: { dir: path.dirname(outFile), size: { width: 1280, height: 720 } },
    });
    const page = await context.newPage();
    await page.goto(PAGE);
    await page.getByTestId('email').fill('alice@example.com');
    await page.waitForTimeout(1000);
    await page.getByTestId('password').fill('wrong');
    await page.getByTestId('sign-in').click();
    await page.waitForTimeout(1500);
    await page.getByTestId('password').fill('correct horse');
    await page.getByTestId('sign-in').click();
    await page.waitForTimeout(1500);
    const video = page.video();
    await context.close();
    const recorded = await video!.path();
    await rename(recorded, outFile);
    return outFile;
  } finally {
    await browser.close();
  }
}
