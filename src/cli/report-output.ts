import path from 'node:path';
import type { WrittenReports } from '../app/reports/write-reports.js';
import { resolveInsideRoots } from '../base/allowed-roots.js';
import type { ResolvedConfig } from '../config/load-config.js';
import { DEFAULT_REPORT_DIR } from '../setup/gitignore-block.js';
import { printNotice } from './output.js';

/** The flags `vaider report` and `vaider merge-reports` share, for node:util's parseArgs. */
export const REPORT_OPTIONS = {
  out: { type: 'string' },
  junit: { type: 'string' },
  'allow-uncertain': { type: 'boolean' },
  rules: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** A path as the person typed it: relative to the working folder. */
export const shown = (file: string) => path.relative(process.cwd(), file) || file;

/**
 * Where the reports go: the HTML report's folder (beside Playwright's playwright-report/, where CI keeps
 * artifacts, unless --out) and the JUnit file when --junit; written where every file Vaider writes may
 * go, inside the allowed roots.
 */
export async function reportTargets(values: { out?: string; junit?: string }, config: ResolvedConfig): Promise<{ outDir: string; junitFile?: string }> {
  const outDir = await resolveInsideRoots(path.resolve(values.out ?? DEFAULT_REPORT_DIR), config.allowedRoots);
  const junitFile = values.junit ? await resolveInsideRoots(path.resolve(values.junit), config.allowedRoots) : undefined;
  return { outDir, junitFile };
}

/** What was written, for --json: the report's index and images, and the JUnit counts when there is one. */
export function writtenJson({ html, junit }: WrittenReports) {
  return {
    html: html.index,
    images: html.images,
    images_missing: html.missing,
    ...(junit && { junit: junit.file, suites: junit.suites, tests: junit.tests, failures: junit.failures, errors: junit.errors, skipped: junit.skipped }),
  };
}

/** One line per file written, on stderr. */
export function printWritten({ html, junit }: WrittenReports): void {
  const missing = html.missing ? `, ${html.missing} frames not found` : '';
  printNotice(`wrote ${shown(html.index)}: ${html.runs} inputs, ${html.images} images${missing}.`);
  if (junit) printNotice(`wrote ${shown(junit.file)}: ${junit.suites} inputs, ${junit.tests} tests, ${junit.failures} failures, ${junit.errors} errors, ${junit.skipped} skipped.`);
}
