import path from 'node:path';
import { appDir, recordClip, typeSlowly } from './corpus-recorder.js';

/**
 * Notyf's own demo/test page (github:caroso1222/notyf, demo/index.html) with the built library from
 * the npm package (the page loads ../dist/notyf.min.js, which the repository does not commit):
 *   git --git-dir=<mirror> archive HEAD demo | tar -x -C /tmp/apps/notyf
 *   npm install --prefix /tmp/corpus-apps notyf@3.10.0
 *   npx tsx scripts/record-corpus/record-notyf.ts /tmp/apps/notyf /tmp/corpus-apps/node_modules/notyf
 * Error toasts worded "Payment declined" and "Session expired"; a success toast dismissed after
 * about 0.35 s with "Dismiss All".
 */
const dir = appDir('NOTYF_REPO_DIR', '/tmp/apps/notyf');
const dist = path.resolve(process.argv[3] ?? process.env.NOTYF_DIST_DIR ?? '/tmp/corpus-apps/node_modules/notyf');

await recordClip({
  name: 'notyf-toasts.webm',
  viewport: { width: 800, height: 600 },
  mounts: [
    { prefix: '/', dir },
    { prefix: '/dist/', dir: dist },
  ],
  drive: async (page, origin, mark) => {
    await page.goto(`${origin}/demo/index.html`);
    await page.waitForTimeout(800);
    await page.locator('#init-btn').click();
    const message = page.locator('#message');
    await message.click();
    await typeSlowly(page, 'Payment declined', 80);
    await page.waitForTimeout(500);
    await page.locator('#error-btn').click();
    mark('payment declined');
    await page.waitForTimeout(2600);
    await message.click({ clickCount: 3 });
    await typeSlowly(page, 'Draft autosaved', 80);
    await page.waitForTimeout(400);
    await page.locator('#success-btn').click();
    mark('draft autosaved');
    await page.waitForTimeout(350);
    await page.locator('#dismiss-all-btn').click();
    mark('dismissed');
    await page.waitForTimeout(1200);
    await message.click({ clickCount: 3 });
    await typeSlowly(page, 'Session expired', 80);
    await page.waitForTimeout(400);
    await page.locator('#error-btn').click();
    mark('session expired');
    await page.waitForTimeout(2800);
  },
});
