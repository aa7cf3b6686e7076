import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import { junitReport } from '../app/reports/junit-report.js';
import { loadConfig } from '../config/load-config.js';
import { resolveInsideRoots } from '../base/allowed-roots.js';
import { writeFileAtomic } from '../base/atomic-write.js';
import { VaiderError } from '../base/errors.js';
import type { CommandOutcome } from './analyze-command.js';
import { REPORT_USAGE } from './command-help.js';
import { printJson, printNotice } from './output.js';

/** The most runs a store keeps (app/runs/run-store.ts): a report covers all of them. */
const ALL_RUNS = 500;

const isUnder = (file: string, folder: string) => {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** `vaider report --junit FILE [PATH...]`: the recorded verdicts as JUnit XML, for CI to show. */
export async function reportCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { junit: { type: 'string' }, 'allow-uncertain': { type: 'boolean' }, rules: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.junit) throw new VaiderError('BAD_ARGUMENT', `vaider report needs --junit FILE. ${REPORT_USAGE.split('\n')[0]}`);
  const json = values.json ?? false;
  const config = loadConfig({ rulesPath: values.rules });
  // Written where every file Vaider writes may go: inside the allowed roots.
  const target = await resolveInsideRoots(path.resolve(values.junit), config.allowedRoots);
  const folders = positionals.map((p) => path.resolve(p));
  const vaider = await openVaider(config, { role: 'command' });
  try {
    const runs = (await vaider.runs.list({ limit: ALL_RUNS })).filter((run) => folders.length === 0 || folders.some((folder) => isUnder(run.input, folder)));
    const report = junitReport(runs, { projectRoot: config.projectRoot, allowUncertain: values['allow-uncertain'] ?? false });
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, report.xml);
    const { suites, tests, failures, errors, skipped } = report;
    if (json) printJson({ junit: target, suites, tests, failures, errors, skipped, exit_code: 0 });
    else printNotice(`wrote ${path.relative(process.cwd(), target) || target}: ${suites} inputs, ${tests} tests, ${failures} failures, ${errors} errors, ${skipped} skipped.`);
    return { exitCode: 0, json };
  } finally {
    await vaider.close();
  }
}
