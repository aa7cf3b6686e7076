import path from 'node:path';
import type { VaiderError } from '../../base/errors.js';
import { evidenceWhen, verdictHeadline } from './verdict-words.js';
import type { AnalysisResult } from './analysis-types.js';

function rel(dir: string, file: string): string {
  return path.relative(dir, file) || '.';
}

const STATUS_WORD = { pass: 'PASS', fail: 'FAIL', uncertain: 'UNCERTAIN' } as const;

function usageLine({ usage }: AnalysisResult): string {
  if (usage.calls === 0) return '';
  return (
    ` Model calls: ${usage.calls} (${usage.cached_calls} from the cache), ${usage.images} images, ${Math.round(usage.bytes_sent / 1024)} KiB sent,` +
    ` ${usage.input_tokens} tokens in, ${usage.output_tokens} out, about $${usage.estimated_cost_usd.toFixed(4)}` +
    (usage.fallbacks ? `; ${usage.fallbacks} fallbacks (see server.log).` : '.')
  );
}

/** README.md of an interactions folder: the first thing a person opens, so verdict first, files last. */
export function analysisReadme(result: AnalysisResult): string {
  const dir = result.interactionsDir;
  const lines = [`# Vaider: ${path.basename(result.input)}`, ''];
  if (result.verdict) {
    lines.push(`**Verdict:** ${verdictHeadline(result.verdict)}`, '');
    lines.push('| | Expectation | Evidence | Why |', '|---|---|---|---|');
    for (const r of result.verdict.results) {
      const evidence = r.evidence ? `[${evidenceWhen(r.evidence)}](${rel(dir, r.evidence.path)})` : '—';
      lines.push(`| ${STATUS_WORD[r.status]} | ${r.expectation.replace(/\|/g, '\\|')} | ${evidence} | ${r.explanation.replace(/\|/g, '\\|')} |`);
    }
  } else {
    lines.push('No expectations were given: described only.');
  }
  lines.push('', '## What happened', '', result.description.summary, '');
  for (const step of result.description.steps) lines.push(`- **${step.time.toFixed(2)} s**: ${step.text}`);
  if (result.drift) {
    const d = result.drift;
    lines.push('', '## Drift', '');
    if (d.created) lines.push(`No baseline existed: this run is now the baseline (\`${d.baseline}\`).`);
    else {
      lines.push(`**${d.severity.toUpperCase()}** against \`${d.baseline}\`.`, '');
      for (const s of d.screens) lines.push(`- keyframe ${s.current + 1} vs baseline ${s.baseline + 1}: ${s.severity}: ${s.reason} [diff](${rel(dir, s.diffImage)})`);
      for (const a of d.added) lines.push(`- keyframe ${a.index + 1} at ${a.time.toFixed(2)} s is new`);
      for (const r of d.removed) lines.push(`- baseline screen ${r.index + 1} at ${r.time.toFixed(2)} s is gone`);
      for (const g of d.dynamicRegions) {
        const where = `${g.box.x},${g.box.y} ${g.box.width}×${g.box.height}`;
        lines.push(`- baseline screen ${g.baseline + 1}: ${where} changes from run to run (${g.seen} runs); ${g.masked ? 'masked' : 'suggested as an ignore region'}`);
      }
    }
  }
  if (result.warnings.length) {
    lines.push('', '## Warnings', '', ...result.warnings.map((w) => `- ${w}`));
  }
  lines.push(
    '',
    '## Files',
    '',
    `- \`keyframes/\`: ${result.keyframes.length} keyframe PNGs, \`timeline.json\` (why each was picked)` +
      (result.contactSheetPath ? ', `contact-sheet.png`' : ''),
    '- `NN_<kind>_request.json` / `NN_<kind>_response.json`: every question asked of the vision provider and its answer',
    '- `server.log`: JSON lines, `agent.*` (what was asked), `remote.*` (model calls), `internal.*` (Vaider\'s steps)',
    '- `status.json`: state, attempts and the last verdict',
    '',
    `Provider \`${result.provider}\`, ${result.durationMs} ms.` + usageLine(result),
    '',
  );
  return lines.join('\n');
}

export function errorReadme(input: string, error: VaiderError): string {
  return [
    `# Vaider: ${path.basename(input)}`,
    '',
    `**Error ${error.code}**: ${error.message}`,
    '',
    'See `status.json` and `server.log`.',
    '',
  ].join('\n');
}
