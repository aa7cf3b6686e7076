import { appDir, recordClip, typeSlowly } from './corpus-recorder.js';

/**
 * TodoMVC, jQuery version (github:tastejs/todomvc, examples/jquery/dist: prebuilt, no build step),
 * in a phone-sized viewport, converted to .mp4:
 *   git --git-dir=<mirror> archive HEAD examples/jquery/dist | tar -x -C /tmp/apps/todomvc
 *   npx tsx scripts/record-corpus/record-todomvc-jquery.ts /tmp/apps/todomvc/examples/jquery/dist
 * Adds four todos, edits one in place (caret held in the edit field), completes one and clears it
 * about 0.2 s later (so "Clear completed" is on screen only briefly), walks the filters, then marks
 * all as complete.
 */
const dir = appDir('TODOMVC_JQUERY_DIST', '/tmp/apps/todomvc/examples/jquery/dist');

await recordClip({
  name: 'todomvc-jquery-mobile.mp4',
  viewport: { width: 390, height: 844 },
  mounts: [{ prefix: '/', dir }],
  drive: async (page, origin, mark) => {
    await page.goto(`${origin}/index.html`);
    await page.waitForTimeout(800);
    for (const todo of ['Renew car insurance', 'Send invoice #42', 'Cancel gym membership', 'Plan Lisbon trip']) {
      await typeSlowly(page, todo, 70);
      await page.keyboard.press('Enter');
      mark(`added ${todo}`);
      await page.waitForTimeout(300);
    }
    await page.waitForTimeout(600);
    await page.getByText('Send invoice #42').dblclick();
    mark('editing');
    await page.waitForTimeout(1600);
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await typeSlowly(page, '3', 100);
    await page.waitForTimeout(400);
    await page.keyboard.press('Enter');
    mark('edited');
    await page.waitForTimeout(900);
    await page.locator('li', { hasText: 'Cancel gym membership' }).locator('input.toggle').click();
    mark('completed gym');
    await page.waitForTimeout(200);
    await page.getByText('Clear completed').click();
    mark('cleared');
    await page.waitForTimeout(1000);
    for (const filter of ['Active', 'Completed', 'All']) {
      await page.getByRole('link', { name: filter }).click();
      mark(`filter ${filter}`);
      await page.waitForTimeout(1000);
    }
    await page.locator('label[for=toggle-all]').click();
    mark('all complete');
    await page.waitForTimeout(1800);
  },
});
