import { appDir, recordClip } from './corpus-recorder.js';

/**
 * 2048 (github:gabrielecirulli/2048), served from a fetched snapshot:
 *   git --git-dir=<mirror> archive HEAD | tar -x -C /tmp/apps/2048
 *   npx tsx scripts/record-corpus/record-2048.ts /tmp/apps/2048
 * A mid-game board (8…1024 tiles: white digits on tan/orange) is put in the game's own localStorage
 * state; the first move merges two 1024s, so "You win!" shows in white on the translucent gold
 * overlay; "Keep going", two more moves, then a nearly full board that one move ends: "Game over!" on
 * the translucent light overlay, and "Try again" starts a new game.
 */
const dir = appDir('APP_2048', '/tmp/apps/2048');

type Cell = number | 0;
/** rows[y][x] → the game's serialized state, which is indexed cells[x][y]. */
function state(rows: Cell[][], score: number): string {
  const cells = [0, 1, 2, 3].map((x) =>
    [0, 1, 2, 3].map((y) => {
      const value = rows[y]![x]!;
      return value ? { position: { x, y }, value } : null;
    }),
  );
  return JSON.stringify({ grid: { size: 4, cells }, score, over: false, won: false, keepPlaying: false });
}

const midGame = state(
  [
    [2, 2, 4, 8],
    [16, 32, 64, 128],
    [4, 8, 2, 0],
    [1024, 0, 0, 1024],
  ],
  18204,
);
const nearlyOver = state(
  [
    [8, 16, 8, 16],
    [16, 8, 16, 8],
    [8, 16, 8, 16],
    [32, 64, 128, 0],
  ],
  21716,
);

await recordClip({
  name: '2048-game-over.webm',
  viewport: { width: 1024, height: 768 },
  mounts: [{ prefix: '/', dir }],
  drive: async (page, origin, mark) => {
    await page.goto(`${origin}/index.html`);
    await page.evaluate(`localStorage.setItem('gameState', ${JSON.stringify(midGame)}); localStorage.setItem('bestScore', '3120')`);
    await page.reload();
    await page.evaluate('window.scrollTo(0, 60)');
    mark('mid-game board');
    await page.waitForTimeout(1500);
    await page.keyboard.press('ArrowLeft');
    mark('merge to 2048');
    await page.waitForTimeout(3200);
    await page.getByText('Keep going').click();
    mark('keep going');
    await page.waitForTimeout(800);
    for (const key of ['ArrowUp', 'ArrowRight']) {
      await page.keyboard.press(key);
      mark(key);
      await page.waitForTimeout(900);
    }
    await page.evaluate(`localStorage.setItem('gameState', ${JSON.stringify(nearlyOver)})`);
    await page.reload();
    await page.evaluate('window.scrollTo(0, 60)');
    mark('nearly full board');
    await page.waitForTimeout(1800);
    await page.keyboard.press('ArrowRight');
    mark('last move');
    await page.waitForTimeout(3500);
    await page.locator('.game-message .retry-button').click();
    mark('try again');
    await page.waitForTimeout(1800);
  },
});
