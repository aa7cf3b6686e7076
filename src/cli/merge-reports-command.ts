import { parseArgs } from 'node:util';
import { mergeShards, type MergedShards, type ShardSummary } from '../app/reports/merge-shards.js';
import { writeReports } from '../app/reports/write-reports.js';
import { VaiderError } from '../base/errors.js';
import { loadConfig } from '../config/load-config.js';
import type { CommandOutcome } from './analyze-command.js';
import { printJson, printNotice } from './output.js';
import { printWritten, REPORT_OPTIONS, reportTargets, shown, writtenJson } from './report-output.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What one shard gave, in a line: the store read, its runs, and where its paths were read. */
function shardLine(shard: ShardSummary): string {
  const parts = [`${plural(shard.runs, 'run')} of ${plural(shard.inputs, 'input')}`];
  if (shard.superseded) parts.push(`${shard.superseded} superseded by a newer run in another shard`);
  if (shard.unfinished) parts.push(`${shard.unfinished} unfinished left out`);
  if (shard.recorded_roots.length) parts.push(`recorded under ${shard.recorded_roots.join(', ')}, read under ${shown(shard.dir)}`);
  if (shard.unlocated) {
    const hint = shard.form === 'store' ? '; give the project folder that holds this store' : '';
    parts.push(`${plural(shard.unlocated, 'run')}' files not found under it${hint}`);
  }
  return `shard ${shown(shard.dir)}: store ${shown(shard.store)}, ${parts.join(', ')}`;
}

function mergedLine(merged: MergedShards): string {
  const tally = Object.entries(merged.statuses)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const superseded = merged.superseded ? `; ${plural(merged.superseded, 'run')} superseded by a newer run of the same input in another shard` : '';
  return `merged ${plural(merged.shards.length, 'shard')}: ${plural(merged.read, 'run')} read, ${plural(merged.runs.length, 'input')} reported (${tally || 'none'})${superseded}`;
}

/**
 * `vaider merge-reports DIR… [--out DIR] [--junit FILE] [--allow-uncertain] [--json]`: the run stores
 * of separate CI shards (each a project folder or its store folder) merged into one HTML report and,
 * when asked, one JUnit XML, as Playwright's merge-reports merges shards. Each input's newest run wins.
 */
export async function mergeReportsCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: REPORT_OPTIONS });
  const json = values.json ?? false;
  if (positionals.length === 0) {
    throw new VaiderError('BAD_ARGUMENT', 'Give the shards\' folders to merge: vaider merge-reports DIR... (run "vaider merge-reports --help").');
  }
  const config = loadConfig({ rulesPath: values.rules });
  const { outDir, junitFile } = await reportTargets(values, config);
  const merged = await mergeShards(positionals);
  const notes = [...merged.shards.map(shardLine), mergedLine(merged)];
  const written = await writeReports({
    runs: merged.runs,
    outDir,
    junitFile,
    projectRoot: merged.bases,
    allowUncertain: values['allow-uncertain'] ?? false,
    // Frames are copied from the shards' folders and the allowed roots only.
    html: { readRoots: [...merged.bases, ...config.allowedRoots], notes },
  });
  if (json) {
    printJson({
      shards: merged.shards,
      runs: merged.read,
      inputs: merged.runs.length,
      superseded: merged.superseded,
      statuses: merged.statuses,
      ...writtenJson(written),
      exit_code: 0,
    });
  } else {
    for (const line of notes) printNotice(line);
    printWritten(written);
  }
  return { exitCode: 0, json };
}
