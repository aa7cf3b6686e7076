import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serveDemo } from '../examples/demo-app/serve-demo.js';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { launchPlaywrightDriver } from '../src/drivers/playwright-driver.js';
import { healLocator } from '../src/healing/heal-locator.js';
import { createLocalProvider } from '../src/vision/providers/local/local-provider.js';
import { medianMs, ms, workDir } from './bench-utils.js';

const ROOT = path.join(import.meta.dirname, '..');

/** Element location and healing events against the source's targets (3 s, 5 s), and a flow per driver. */
export async function healingBench(): Promise<string[]> {
  const dir = await workDir('healing');
  const evidence = path.join(dir, 'evidence');
  await mkdir(evidence, { recursive: true });
  const v1 = await serveDemo('v1');
  const v2 = await serveDemo('v2');
  const local = createLocalProvider({ min_word_confidence: 0.5 });
  const driver = await launchPlaywrightDriver();
  let locate: number;
  let heal: number;
  try {
    await driver.navigate(v2.url, 'load');
    const shot = path.join(dir, 'v2.png');
    await writeFile(shot, await driver.screenshot());
    await local.findElement(shot, 'the Sign In button');
    let n = 0;
    locate = await medianMs(5, async () => {
      // A fresh file each time, so the OCR cache does not answer.
      const file = path.join(dir, `v2-${n++}.png`);
      await writeFile(file, await driver.screenshot());
      await local.findElement(file, 'the Sign In button');
    });
    heal = await medianMs(5, () =>
      healLocator(
        { driver, description: 'the Sign In button', selector: '#login-btn', problem: 'not_found', evidenceDir: evidence, flow: 'bench', step: n++ },
        { locate: (file, description) => local.findElement(file, description), method: 'ocr', thresholds: { apply: 0.9, propose: 0.8, review: 0.7 } },
      ),
    );
  } finally {
    await driver.close();
    await local.close();
  }

  const flowTimes: string[] = [];
  for (const engine of ['playwright', 'selenium'] as const) {
    const project = await workDir(`healing-flow-${engine}`);
    // Its own project: otherwise the repository's VaiderRules.json, found upwards, would be the root.
    await writeFile(path.join(project, 'VaiderRules.json'), '{}\n');
    const flow = path.join(project, 'sign-in.flow.yaml');
    await copyFile(path.join(ROOT, 'examples', 'demo-app', 'flows', 'sign-in.flow.yaml'), flow);
    const vaider = await openVaider(loadConfig({ cwd: project, env: {}, overrides: { allowed_roots: [project] } }));
    try {
      const plain = await medianMs(2, () => vaider.runFlow({ flowPath: flow, driver: engine, baseUrl: v1.url, retry: false }));
      const healed = await medianMs(2, () => vaider.runFlow({ flowPath: flow, driver: engine, baseUrl: v2.url, retry: false }));
      flowTimes.push(`| ${engine} | ${ms(plain)} | ${ms(healed)} |`);
    } finally {
      await vaider.close();
    }
  }
  await Promise.all([v1.close(), v2.close()]);
  return [
    '### Locator healing (local OCR provider, Playwright, demo app v2)',
    '',
    '| measure | median | source target |',
    '|---|---|---|',
    `| element location: screenshot + OCR + find "the Sign In button" | ${ms(locate)} | < 3 s |`,
    `| healing event: screenshot, locate, candidates checked in the page, decision, evidence | ${ms(heal)} | < 5 s |`,
    '',
    'The sign-in flow (5 steps, recorded, video verified against its expectation), one attempt:',
    '',
    '| driver | v1 (no healing) | v2 (two locators healed) |',
    '|---|---|---|',
    ...flowTimes,
    '',
  ];
}
