import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveDemo } from '../examples/demo-app/serve-demo.js';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';

/**
 * `npm run demo:healing`: serves v2 of the demo app (ids renamed, a field moved) and runs the flow
 * written for v1 against it in Chromium, so the healing can be watched. Works on a copy of the flow.
 */
const root = path.join(import.meta.dirname, '..');
const dir = await mkdtemp(path.join(tmpdir(), 'vaider-healing-demo-'));
const flow = path.join(dir, 'sign-in.flow.yaml');
await copyFile(path.join(root, 'examples', 'demo-app', 'flows', 'sign-in.flow.yaml'), flow);
const v2 = await serveDemo('v2');
const vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], healing: { auto_commit: true } } }));
try {
  console.log(`Running the v1 flow against v2 at ${v2.url} …`);
  const outcome = await vaider.runFlow({ flowPath: flow, driver: 'playwright', baseUrl: v2.url, retry: false });
  for (const e of outcome.healing) {
    console.log(`step ${e.step} "${e.description}": ${e.old_selector} → ${e.new_selector ?? '—'}  ${e.decision} (${e.confidence.toFixed(2)})`);
  }
  console.log(`${outcome.passed ? 'PASSED' : 'NOT PASSED'}; video verdict: ${outcome.verdict?.status ?? '—'}`);
  console.log(`Flow rewritten with the healed locators: ${flow} (original kept as ${flow}.bak)`);
  console.log(`Evidence (before/after screenshots, video, healing.patch): ${outcome.interactionsDir}`);
} finally {
  await vaider.close();
  await v2.close();
}
