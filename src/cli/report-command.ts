import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import { junitReport } from '../app/reports/junit-report.js';
import { MAX_RUNS } from '../app/runs/run-store.js';
import { writeHtmlReport } from '../app/reports/html-report.js';
import { loadConfig } from '../config/load-config.js';
import { isInside, resolveInsideRoots } from '../base/allowed-roots.js';
import { writeFileAtomic } from '../base/atomic-write.js';
import { DEFAULT_REPORT_DIR } from '../setup/gitignore-block.js';
import type { CommandOutcome } from './analyze-command.js';
import { printJson, printNotice } from './output.js';

/** Beside Playwright's playwright-report/, where CI keeps artifacts. */

const shown = (file: string) => path.relative(process.cwd(), file) || file;

/**
 * `vaider report [--out DIR] [--junit FILE] [PATH...]`: the recorded verdicts as a static HTML report
 * (always, in `vaider-report/` unless told otherwise) and, when asked, as JUnit XML for CI to show.
 */
export async function reportCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, junit: { type: 'string' }, 'allow-uncertain': { type: 'boolean' }, rules: { type: 'string' }, json: { type: 'boolean' } },
  });
  const json = values.json ?? false;
  const config = loadConfig({ rulesPath: values.rules });
  // Written where every file Vaider writes may go: inside the allowed roots.
  const outDir = await resolveInsideRoots(path.resolve(values.out ?? DEFAULT_REPORT_DIR), config.allowedRoots);
  const junitFile = values.junit ? await resolveInsideRoots(path.resolve(values.junit), config.allowedRoots) : undefined;
  const folders = positionals.map((p) => path.resolve(p));
  const vaider = await openVaider(config, { role: 'command' });
  try {
    const runs = (await vaider.runs.list({ limit: MAX_RUNS })).filter((run) => folders.length === 0 || folders.some((folder) => isInside(run.input, folder)));
    const html = await writeHtmlReport(runs, outDir, config.projectRoot);
    const junit = junitFile && { file: junitFile, ...junitReport(runs, { projectRoot: config.projectRoot, allowUncertain: values['allow-uncertain'] ?? false }) };
    if (junit) {
      await mkdir(path.dirname(junit.file), { recursive: true });
      await writeFileAtomic(junit.file, junit.xml);
    }
    if (json) {
      const counts = junit && { junit: junit.file, suites: junit.suites, tests: junit.tests, failures: junit.failures, errors: junit.errors, skipped: junit.skipped };
      printJson({ html: html.index, runs: html.runs, images: html.images, ...counts, exit_code: 0 });
    } else {
      printNotice(`wrote ${shown(html.index)}: ${html.runs} inputs, ${html.images} images.`);
      if (junit) printNotice(`wrote ${shown(junit.file)}: ${junit.suites} inputs, ${junit.tests} tests, ${junit.failures} failures, ${junit.errors} errors, ${junit.skipped} skipped.`);
    }
    return { exitCode: 0, json };
  } finally {
    await vaider.close();
  }
}
