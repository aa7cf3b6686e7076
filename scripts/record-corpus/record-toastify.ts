import { appDir, recordClip } from './corpus-recorder.js';

/**
 * Toastify JS's own demo page (npm toastify-js@1.12.0 ships index.html, example/ and src/):
 *   npm install --prefix /tmp/corpus-apps toastify-js@1.12.0
 *   npx tsx scripts/record-corpus/record-toastify.ts /tmp/corpus-apps/node_modules/toastify-js
 * The page's own timed toasts ("Hi", "Simple JavaScript Toasts", "Highly customizable",
 * "Happy toasting!"), then "Try" three times: the third "I am a toast" is closed with its ✖ about
 * 0.4 s after it appears.
 */
const dir = appDir('TOASTIFY_DIR', '/tmp/corpus-apps/node_modules/toastify-js');

await recordClip({
  name: 'toastify-demo.webm',
  viewport: { width: 1280, height: 720 },
  mounts: [{ prefix: '/', dir }],
  drive: async (page, origin, mark) => {
    await page.goto(`${origin}/index.html`);
    mark('loaded');
    await page.waitForTimeout(7500);
    const tryButton = page.locator('#new-toast');
    await tryButton.click();
    mark('try 1 (no close button)');
    await page.waitForTimeout(1200);
    await tryButton.click();
    mark('try 2 (close button)');
    await page.waitForTimeout(4000);
    await tryButton.click();
    mark('try 3 (close button)');
    await page.waitForTimeout(400);
    await page.locator('.toastify .toast-close').last().click();
    mark('closed try 3');
    await page.waitForTimeout(2000);
  },
});
