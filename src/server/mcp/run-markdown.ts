import type { RunRecord } from '../../app/runs/run-types.js';
import { evidenceWhen, resultLine, verdictHeadline } from '../../app/analysis/verdict-words.js';

function evidenceWhere(e: { frameIndex: number | null; time: number; end: number }): string {
  return e.frameIndex === null ? evidenceWhen(e) : `keyframe ${e.frameIndex + 1}, ${evidenceWhen(e)}`;
}

/** The `vaider://runs/{id}` resource: a run as a person or an agent reads it first. */
export function runMarkdown(run: RunRecord): string {
  const lines = [`# Run ${run.id}`, '', `- Input: \`${run.input}\``, `- State: **${run.state}**`, `- Requested by: ${run.requested_by}`];
  if (run.error) lines.push('', `**Error ${run.error.code}**: ${run.error.message}`);
  const result = run.result;
  if (!result) return lines.join('\n') + '\n';
  lines.push(`- Interactions: \`${result.interactions_dir}\``, '');
  if (result.verdict) {
    lines.push(`**Verdict:** ${verdictHeadline(result.verdict)}`, '');
    for (const r of result.verdict.results) {
      const at = r.evidence ? ` (${evidenceWhere(r.evidence)})` : '';
      lines.push(`- ${resultLine(r)}${at}`);
    }
    lines.push('');
  }
  lines.push('## What happened', '', result.description.summary, '');
  for (const step of result.description.steps) lines.push(`- ${step.time.toFixed(2)} s: ${step.text}`);
  if (result.warnings.length) lines.push('', '## Warnings', '', ...result.warnings.map((w) => `- ${w}`));
  return lines.join('\n') + '\n';
}
