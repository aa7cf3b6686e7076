import { appDir, recordClip, typeSlowly } from './corpus-recorder.js';

/**
 * TodoMVC, React version (github:tastejs/todomvc, examples/react/dist: prebuilt, no build step):
 *   git --git-dir=<mirror> archive HEAD examples/react/dist | tar -x -C /tmp/apps/todomvc
 *   npx tsx scripts/record-corpus/record-todomvc-react.ts /tmp/apps/todomvc/examples/react/dist
 * Focuses the empty new-todo field and waits (blinking caret), types ten todos at a person's pace
 * (the "N items left" count changes ten times), completes three (struck through) and clears them.
 */
const dir = appDir('TODOMVC_REACT_DIST', '/tmp/apps/todomvc/examples/react/dist');

const todos = [
  'Buy milk',
  'Pay rent',
  'Call the plumber',
  'Book dentist appointment',
  'Water the plants',
  'Renew passport',
  'Email Sarah about Friday',
  'Fix the bike',
  'Pick up dry cleaning',
  'Call mum',
];

await recordClip({
  name: 'todomvc-react-long-typing.webm',
  viewport: { width: 1280, height: 960 },
  mounts: [{ prefix: '/', dir }],
  drive: async (page, origin, mark) => {
    await page.goto(`${origin}/index.html`);
    const input = page.getByPlaceholder('What needs to be done?');
    await input.click();
    mark('focused, empty');
    await page.waitForTimeout(1800);
    for (const todo of todos) {
      await typeSlowly(page, todo, 65);
      await page.keyboard.press('Enter');
      mark(`added ${todo}`);
      await page.waitForTimeout(250);
    }
    await page.waitForTimeout(800);
    for (const todo of ['Pay rent', 'Buy milk', 'Water the plants']) {
      await page.locator('li', { hasText: todo }).getByRole('checkbox').click();
      mark(`completed ${todo}`);
      await page.waitForTimeout(700);
    }
    await page.waitForTimeout(800);
    await page.getByText('Clear completed').click();
    mark('cleared');
    await page.waitForTimeout(1800);
  },
});
