import path from 'node:path';
import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import { MAX_RUNS } from '../app/runs/run-store.js';
import { writeReports } from '../app/reports/write-reports.js';
import { loadConfig } from '../config/load-config.js';
import { isInside } from '../base/allowed-roots.js';
import type { CommandOutcome } from './analyze-command.js';
import { printJson } from './output.js';
import { printWritten, REPORT_OPTIONS, reportTargets, writtenJson } from './report-output.js';

/**
 * `vaider report [--out DIR] [--junit FILE] [PATH...]`: the recorded verdicts as a static HTML report
 * (always, in `vaider-report/` unless told otherwise) and, when asked, as JUnit XML for CI to show.
 */
export async function reportCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: REPORT_OPTIONS });
  const json = values.json ?? false;
  const config = loadConfig({ rulesPath: values.rules });
  const { outDir, junitFile } = await reportTargets(values, config);
  const folders = positionals.map((p) => path.resolve(p));
  const vaider = await openVaider(config, { role: 'command' });
  try {
    const runs = (await vaider.runs.list({ limit: MAX_RUNS })).filter((run) => folders.length === 0 || folders.some((folder) => isInside(run.input, folder)));
    const written = await writeReports({ runs, outDir, junitFile, projectRoot: config.projectRoot, allowUncertain: values['allow-uncertain'] ?? false });
    if (json) printJson({ ...writtenJson(written), runs: written.html.runs, exit_code: 0 });
    else printWritten(written);
    return { exitCode: 0, json };
  } finally {
    await vaider.close();
  }
}
