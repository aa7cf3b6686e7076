import { appDir, recordClip, typeSlowly } from './corpus-recorder.js';

/**
 * jQuery UI's "Dialog - Modal form" demo (github:jquery/jquery-ui, demos/dialog/modal-form.html; the
 * demos load ui/ and external/ from the same checkout, no build step), converted to .mp4:
 *   git --git-dir=<mirror> archive HEAD demos ui themes external | tar -x -C /tmp/apps/jquery-ui
 *   npx tsx scripts/record-corpus/record-jqueryui-modal-form.ts /tmp/apps/jquery-ui
 * Opens the modal, types a too-short name and holds (caret), submits (the tip turns into the
 * length message), then a malformed email, then valid data: the dialog closes and the table grows.
 */
const dir = appDir('JQUERY_UI_DIR', '/tmp/apps/jquery-ui');

await recordClip({
  name: 'jqueryui-modal-form.mp4',
  viewport: { width: 1024, height: 768 },
  mounts: [{ prefix: '/', dir }],
  drive: async (page, origin, mark) => {
    await page.goto(`${origin}/demos/dialog/modal-form.html`);
    await page.getByRole('button', { name: 'Create new user' }).waitFor();
    await page.waitForTimeout(1200);
    await page.getByRole('button', { name: 'Create new user' }).click();
    mark('dialog open');
    await page.waitForTimeout(1200);
    const name = page.locator('#name');
    await name.click({ clickCount: 3 });
    await typeSlowly(page, 'Al', 150);
    mark('typed Al');
    await page.waitForTimeout(1600);
    await page.getByRole('button', { name: 'Create an account' }).click();
    mark('submitted short name');
    await page.waitForTimeout(2200);
    await name.click({ clickCount: 3 });
    await typeSlowly(page, 'Alice Martin', 80);
    await page.locator('#email').click({ clickCount: 3 });
    await typeSlowly(page, 'alice@', 80);
    await page.waitForTimeout(400);
    await page.getByRole('button', { name: 'Create an account' }).click();
    mark('submitted bad email');
    await page.waitForTimeout(2000);
    await page.locator('#email').click({ clickCount: 3 });
    await typeSlowly(page, 'alice@example.com', 70);
    await page.waitForTimeout(400);
    await page.getByRole('button', { name: 'Create an account' }).click();
    mark('created');
    await page.waitForTimeout(2000);
  },
});
