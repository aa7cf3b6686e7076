import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../../src/drivers/system-chromium.js';

/** Where test-results/ and report.json go: this folder, or VAIDER_EXAMPLE_OUTPUT (the repository's tests use a temp folder). */
const outputRoot = process.env.VAIDER_EXAMPLE_OUTPUT ?? import.meta.dirname;
const size = { width: 1280, height: 720 };

export default defineConfig({
  testDir: 'tests',
  outputDir: path.join(outputRoot, 'test-results'),
  reporter: [
    ['list'],
    // In your own project: ['vaider/playwright']. Here, the reporter's TypeScript source, which Playwright transpiles.
    ['../../src/playwright/vaider-reporter.ts'],
    // Listed after Vaider's, so the report carries each test's vaider-verdict attachment and annotation.
    ['json', { outputFile: path.join(outputRoot, 'report.json') }],
  ],
  use: {
    viewport: size,
    // Recorded at full size: Vaider reads the screen with OCR, and small text survives scaling badly.
    video: { mode: 'on', size },
    launchOptions: { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
