import { rm } from 'node:fs/promises';
import path from 'node:path';
import { recordLoginDemo } from '../examples/login-app/record-login-demo.js';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { parseExpectationsFile } from '../src/app/analysis/expectations-file.js';
import { readFile } from 'node:fs/promises';

/**
 * Regenerates test-output-sample/: a real Playwright recording of the demo login page in Chromium,
 * and the .VaiderInteractions folder Vaider writes for it. Run: npx tsx scripts/record-sample.ts
 */
const root = path.join(import.meta.dirname, '..');
const video = path.join(root, 'test-output-sample', 'login.webm');
await rm(`${video}.VaiderInteractions`, { recursive: true, force: true });
await recordLoginDemo(video);
const vaider = await openVaider(loadConfig({ cwd: root }));
try {
  const expectations = parseExpectationsFile(await readFile(`${video}.expect.md`, 'utf8'));
  const result = await vaider.analyze({ input: video, expectations, requestedBy: 'cli' });
  console.log(`${path.relative(root, video)}: ${result.verdict?.status}, ${result.keyframes.length} keyframes`);
} finally {
  await vaider.close();
}
