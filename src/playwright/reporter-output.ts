import path from 'node:path';
import type { VerdictSummary } from './verdict-summary.js';

/**
 * The only place the Playwright reporter prints. On stderr: a json reporter without an output file
 * writes its report to stdout, which must stay parseable.
 */

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** e.g. `vaider: MISMATCH   sign in › greets Alice  test-results/…/video.webm.VaiderInteractions/` */
export function printVerdictLine(summary: VerdictSummary, testTitle: string): void {
  const where = summary.interactionsDir ? `  ${relative(summary.interactionsDir)}/` : '';
  const error = summary.label === 'ERROR' ? `  ${summary.explanation}` : '';
  console.error(`vaider: ${summary.label.padEnd(10)} ${testTitle}${where}${error}`);
}

export function printSidecarFailure(video: string, error: Error): void {
  console.error(`vaider: could not write the expectations next to ${relative(video)}: ${error.message}`);
}

/** Playwright's own summary still says the tests passed, so the reason for the failed exit code is given. */
export function printFailingRun(mismatches: number): void {
  console.error(`vaider: the run fails: ${mismatches} video${mismatches === 1 ? '' : 's'} did not match the expectations (failOnMismatch).`);
}
