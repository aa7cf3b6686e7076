import { appDir, recordClip } from './corpus-recorder.js';

/**
 * SweetAlert2 (npm sweetalert2@11.26.25, dist/sweetalert2.all.min.js) with its built-in dark theme,
 * in a phone-sized viewport. The package ships no demo page, so the host page is the smallest that
 * loads it (a dark page with one button); every dialog, spinner and toast is SweetAlert2's own,
 * opened through its public API the way an app would:
 *   npm install --prefix /tmp/corpus-apps sweetalert2@11.26.25
 *   npx tsx scripts/record-corpus/record-sweetalert2.ts /tmp/corpus-apps/node_modules/sweetalert2
 * A confirmation modal, a 1.5 s "Archiving…" dialog with the loading spinner and a ticking elapsed
 * time, a "Session expired" dialog, a 0.5 s "Signed in" toast, a "Retrying…" dialog that lasts
 * about 0.2 s, and a final "Archived" dialog.
 */
const dir = appDir('SWEETALERT2_DIR', '/tmp/corpus-apps/node_modules/sweetalert2');

const HOST_PAGE = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Projects</title><style>body{margin:0;padding:24px;background:#121212;color:#e8e8e8;font:18px sans-serif}
h1{font-size:28px}button{font-size:18px;padding:10px 18px}</style></head>
<body><h1>Projects</h1><p id="status">Apollo — active</p><button id="archive">Archive Apollo</button>
<script src="/swal/dist/sweetalert2.all.min.js"></script></body></html>`;

await recordClip({
  name: 'sweetalert2-dark-dialogs.webm',
  viewport: { width: 390, height: 844 },
  mounts: [{ prefix: '/swal/', dir }],
  drive: async (page, origin, mark) => {
    await page.route(`${origin}/projects.html`, (route) => route.fulfill({ body: HOST_PAGE, contentType: 'text/html' }));
    await page.goto(`${origin}/projects.html`);
    await page.waitForTimeout(1000);
    await page.locator('#archive').click();
    void page.evaluate(`Swal.fire({ theme: 'dark', icon: 'warning', title: 'Archive "Apollo"?',
      text: 'Members will lose access to its boards.', showCancelButton: true,
      confirmButtonText: 'Yes, archive it', cancelButtonText: 'Keep it' })`);
    mark('confirm');
    await page.waitForTimeout(2000);
    await page.getByRole('button', { name: 'Yes, archive it' }).click();
    void page.evaluate(`Swal.fire({ theme: 'dark', title: 'Archiving…', html: 'Elapsed: <b>0.0</b> s', timer: 1500,
      allowOutsideClick: false, didOpen: () => { Swal.showLoading(); const b = Swal.getHtmlContainer().querySelector('b');
      const t0 = Date.now(); setInterval(() => { b.textContent = ((Date.now() - t0) / 1000).toFixed(1); }, 100); } })`);
    mark('archiving');
    await page.waitForTimeout(1650);
    void page.evaluate(`Swal.fire({ theme: 'dark', icon: 'error', title: 'Session expired',
      text: 'Sign in again to finish archiving.', confirmButtonText: 'Sign in' })`);
    mark('session expired');
    await page.waitForTimeout(2200);
    await page.getByRole('button', { name: 'Sign in' }).click();
    void page.evaluate(`Swal.fire({ theme: 'dark', toast: true, position: 'top', icon: 'success', title: 'Signed in',
      showConfirmButton: false, timer: 500 })`);
    mark('signed in toast');
    await page.waitForTimeout(1000);
    void page.evaluate(`Swal.fire({ theme: 'dark', title: 'Retrying…', showConfirmButton: false, timer: 200 })`);
    mark('retrying');
    await page.waitForTimeout(600);
    await page.evaluate(`document.getElementById('status').textContent = 'Apollo — archived'`);
    void page.evaluate(`Swal.fire({ theme: 'dark', icon: 'success', title: 'Archived', text: 'Apollo was moved to the archive.' })`);
    mark('archived');
    await page.waitForTimeout(2000);
    await page.getByRole('button', { name: 'OK' }).click();
    mark('ok');
    await page.waitForTimeout(1500);
  },
});
