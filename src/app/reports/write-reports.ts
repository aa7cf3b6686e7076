import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../base/atomic-write.js';
import type { RunRecord } from '../runs/run-types.js';
import { writeHtmlReport, type HtmlReport, type HtmlReportOptions } from './html-report.js';
import { junitReport, type JunitReport } from './junit-report.js';

export interface ReportRequest {
  /** Newest first; each input's latest finished run is reported. */
  runs: readonly RunRecord[];
  /** The HTML report's folder. */
  outDir: string;
  /** JUnit XML too, in this file, when given. */
  junitFile?: string;
  /** Names are relative to it (or to the deepest of several holding the file). */
  projectRoot: string | readonly string[];
  allowUncertain: boolean;
  html?: HtmlReportOptions;
}

export interface WrittenReports {
  html: HtmlReport;
  junit?: JunitReport & { file: string };
}

/**
 * The runs as a static HTML report and, when asked, JUnit XML: what `vaider report` writes for the
 * project's store and `vaider merge-reports` for several shards' stores. The paths must already be
 * checked against the allowed roots.
 */
export async function writeReports(request: ReportRequest): Promise<WrittenReports> {
  const html = await writeHtmlReport(request.runs, request.outDir, request.projectRoot, request.html);
  if (!request.junitFile) return { html };
  const junit = { file: request.junitFile, ...junitReport(request.runs, { projectRoot: request.projectRoot, allowUncertain: request.allowUncertain }) };
  await mkdir(path.dirname(junit.file), { recursive: true });
  await writeFileAtomic(junit.file, junit.xml);
  return { html, junit };
}
