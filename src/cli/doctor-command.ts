import path from 'node:path';
import { parseArgs } from 'node:util';
import { openVaider } from '../app/vaider.js';
import type { StoreCheck, StoreFileCheck } from '../app/store-doctor.js';
import { loadConfig } from '../config/load-config.js';
import type { CommandOutcome } from './analyze-command.js';
import { EXIT } from './exit-codes.js';
import { printJson, printLine, printNotice } from './output.js';

function line(check: StoreFileCheck, root: string): string {
  const where = path.relative(root, check.file) || check.file;
  switch (check.state) {
    case 'ok':
      return `ok        ${where}${check.entries === undefined ? '' : ` (${check.entries} entries)`}`;
    case 'missing':
      return `missing   ${where} (starts empty when first needed)`;
    case 'corrupt':
      return `CORRUPT   ${where}: ${check.problem}`;
    case 'moved_aside':
      return `repaired  ${where}: ${check.problem}; moved aside to ${path.relative(root, check.movedTo!)}, the store starts afresh`;
  }
}

function printReport(report: StoreCheck, root: string): void {
  for (const check of report.files) printLine(line(check, root));
  if (report.owner) printLine(`in use by pid ${report.owner.pid} (${report.owner.command}), since ${report.owner.since}`);
}

export async function doctorCommand(argv: string[]): Promise<CommandOutcome> {
  const { values } = parseArgs({ args: argv, options: { repair: { type: 'boolean' }, rules: { type: 'string' }, json: { type: 'boolean' } } });
  const json = values.json ?? false;
  const config = loadConfig({ rulesPath: values.rules });
  const vaider = await openVaider(config);
  const report = await vaider.checkStore({ repair: values.repair ?? false }).finally(() => vaider.close());
  const corrupt = report.files.filter((f) => f.state === 'corrupt');
  const exitCode = corrupt.length ? EXIT.mismatch : EXIT.match;
  if (json) {
    printJson({
      store_dir: report.storeDir,
      owner: report.owner,
      files: report.files.map(({ movedTo, ...check }) => ({ ...check, ...(movedTo && { moved_to: movedTo }) })),
      exit_code: exitCode,
    });
  } else {
    printReport(report, config.projectRoot);
    if (corrupt.length) printNotice(`${corrupt.length} unreadable: "vaider doctor --repair" moves ${corrupt.length === 1 ? 'it' : 'them'} aside.`);
  }
  return { exitCode, json };
}
