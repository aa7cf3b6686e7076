import path from 'node:path';
import { defineConfig } from '@playwright/test';

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
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not available offline.
      executablePath: process.env.VAIDER_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
