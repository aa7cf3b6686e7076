import path from 'node:path';
import { appDir, recordClip, typeSlowly } from './corpus-recorder.js';

/**
 * CodeMirror 5's theme demo (github:codemirror/codemirror5, demo/theme.html). The repository builds
 * lib/codemirror.js, so that one file is taken from the npm package (codemirror@5.65.21):
 *   git --git-dir=<mirror> archive HEAD | tar -x -C /tmp/apps/codemirror5
 *   npm install --prefix /tmp/corpus-apps codemirror@5.65.21
 *   npx tsx scripts/record-corpus/record-codemirror-theme.ts /tmp/apps/codemirror5 /tmp/corpus-apps/node_modules/codemirror/lib
 * Switches the editor to the dark "dracula" theme, holds the caret at the end of the code, types
 * three lines, then switches to "monokai".
 */
const dir = appDir('CODEMIRROR5_DIR', '/tmp/apps/codemirror5');
const lib = path.resolve(process.argv[3] ?? process.env.CODEMIRROR5_LIB_DIR ?? '/tmp/corpus-apps/node_modules/codemirror/lib');

await recordClip({
  name: 'codemirror-dark-theme.webm',
  viewport: { width: 1280, height: 720 },
  mounts: [
    { prefix: '/', dir },
    { prefix: '/lib/', dir: lib },
  ],
  drive: async (page, origin, mark) => {
    await page.goto(`${origin}/demo/theme.html`);
    await page.locator('.CodeMirror').waitFor();
    await page.waitForTimeout(1200);
    await page.locator('#select').selectOption('dracula');
    mark('dracula');
    await page.waitForTimeout(1000);
    await page.locator('.CodeMirror-line').last().click();
    await page.keyboard.press('End');
    mark('caret at end');
    await page.waitForTimeout(1800);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await typeSlowly(page, '// Prints the way to reach 24', 70);
    await page.keyboard.press('Enter');
    await typeSlowly(page, 'var answer = findSequence(24);', 70);
    await page.keyboard.press('Enter');
    await typeSlowly(page, 'console.log(answer);', 70);
    mark('typed');
    await page.waitForTimeout(1500);
    await page.locator('#select').selectOption('monokai');
    mark('monokai');
    await page.waitForTimeout(2000);
  },
});
