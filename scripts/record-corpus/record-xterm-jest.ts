import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { appDir, recordClip } from './corpus-recorder.js';

/**
 * xterm.js (npm @xterm/xterm 6.0.0) replaying a real Jest 29 run, captured with its colours and
 * timing in a pseudo-terminal (fixtures/jest-run.json): yellow " RUNS ", green " PASS " and red
 * " FAIL " badges, a ticking "Time: N s" line, a failed assertion. Dark terminal, converted to .mp4.
 *   npm install --prefix /tmp/corpus-apps @xterm/xterm@6.0.0
 *   npx tsx scripts/record-corpus/record-xterm-jest.ts /tmp/corpus-apps/node_modules/@xterm/xterm
 * The host page is the smallest that shows a terminal; the prompt and the command are typed into it.
 */
const dir = appDir('XTERM_DIR', '/tmp/corpus-apps/node_modules/@xterm/xterm');
const { chunks } = JSON.parse(await readFile(path.join(import.meta.dirname, 'fixtures', 'jest-run.json'), 'utf8')) as {
  chunks: [number, string][];
};

const HOST_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Terminal</title>
<link rel="stylesheet" href="/xterm/css/xterm.css">
<style>html,body{margin:0;height:100%;background:#1e1e1e}#t{padding:16px}</style></head>
<body><div id="t"></div><script src="/xterm/lib/xterm.js"></script>
<script>window.term = new Terminal({ cols: 96, rows: 40, fontSize: 15, fontFamily: 'DejaVu Sans Mono, monospace',
theme: { background: '#1e1e1e' } }); window.term.open(document.getElementById('t'));</script></body></html>`;

await recordClip({
  name: 'xterm-jest-badges.mp4',
  viewport: { width: 1280, height: 720 },
  mounts: [{ prefix: '/xterm/', dir }],
  drive: async (page, origin, mark) => {
    await page.route(`${origin}/terminal.html`, (route) => route.fulfill({ body: HOST_PAGE, contentType: 'text/html' }));
    await page.goto(`${origin}/terminal.html`);
    const write = (text: string) => page.evaluate(`new Promise((done) => window.term.write(${JSON.stringify(text)}, done))`);
    await page.waitForTimeout(600);
    await write('\x1b[1;32mdev@shop\x1b[0m:\x1b[1;34m~/checkout\x1b[0m$ ');
    await page.waitForTimeout(900);
    for (const ch of 'npx jest') {
      await write(ch);
      await page.waitForTimeout(110 + Math.random() * 80);
    }
    await page.waitForTimeout(400);
    await write('\r\n');
    mark('enter');
    for (const [delay, text] of chunks) {
      await page.waitForTimeout(Math.min(delay, 1200));
      await write(text);
    }
    mark('jest done');
    await write('\r\n\x1b[1;32mdev@shop\x1b[0m:\x1b[1;34m~/checkout\x1b[0m$ ');
    await page.waitForTimeout(3000);
  },
});
