import { appDir, recordClip } from './corpus-recorder.js';

/**
 * jQuery UI's "Progressbar - Download Dialog" demo (github:jquery/jquery-ui,
 * demos/progressbar/download.html, no build step):
 *   git --git-dir=<mirror> archive HEAD demos ui themes external | tar -x -C /tmp/apps/jquery-ui
 *   npx tsx scripts/record-corpus/record-jqueryui-download.ts /tmp/apps/jquery-ui
 * Starts a download (the button greys out as "Downloading..."; an animated indeterminate bar under
 * "Starting download..."; then "Current Progress: N%" ticks), and closes the dialog about 0.2 s
 * after "Complete!" shows. A second download is cancelled part-way.
 */
const dir = appDir('JQUERY_UI_DIR', '/tmp/apps/jquery-ui');

await recordClip({
  name: 'jqueryui-download-progress.webm',
  viewport: { width: 800, height: 600 },
  mounts: [{ prefix: '/', dir }],
  drive: async (page, origin, mark) => {
    await page.goto(`${origin}/demos/progressbar/download.html`);
    const start = page.getByRole('button', { name: 'Start Download' });
    await start.waitFor();
    await page.waitForTimeout(1000);
    await start.click();
    mark('download 1');
    await page.getByText('Complete!').waitFor({ timeout: 20000 });
    mark('complete');
    await page.waitForTimeout(200);
    await page.getByRole('button', { name: 'Close' }).click();
    mark('closed');
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'Start Download' }).click();
    mark('download 2');
    await page.getByText(/Current Progress: [4-9]\d%/).waitFor({ timeout: 20000 });
    await page.waitForTimeout(100);
    await page.getByRole('button', { name: 'Cancel Download' }).click();
    mark('cancelled');
    await page.waitForTimeout(1500);
  },
});
