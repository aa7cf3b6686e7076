import { z } from 'zod';
import { DRIFT_SEVERITIES } from '../../../app/screens/compare-screens.js';
import { screenDriftSummary } from '../../../app/screens/wire-summaries.js';
import { VaiderError } from '../../../base/errors.js';
import { pathField, providerField, runIdField } from '../input-fields.js';
import { boxSchema } from '../output-schemas.js';
import { defineTool } from './define-tool.js';

const textDiffSchema = z
  .object({
    added: z.array(z.object({ text: z.string().describe('The text.'), box: boxSchema })).describe('Text only on the current screen.'),
    removed: z.array(z.object({ text: z.string().describe('The text.'), box: boxSchema })).describe('Text only on the baseline.'),
    changed: z
      .array(z.object({ before: z.string().describe('Baseline text.'), after: z.string().describe('Current text.'), box: boxSchema }))
      .describe('Text that kept its place but not its words.'),
  })
  .describe('OCR of both screens, diffed.');

export const compareScreensTool = defineTool({
  name: 'vaider_compare_screens',
  title: 'Compare two screens',
  description:
    'Compares a baseline screenshot or keyframe with a current one: changed regions (with the text inside), text added, removed and changed, pixel similarity and SSIM, ' +
    'a severity (none, cosmetic, structural, functional, critical) and a diff image path. Anti-aliasing noise is ignored; ignore_regions leave out clocks and ids.',
  inputSchema: {
    baseline: pathField.describe('The baseline screenshot or keyframe (inside the allowed roots).'),
    current: pathField.describe('The current screenshot or keyframe (inside the allowed roots).'),
    ignore_regions: z.array(boxSchema).max(50).optional().describe('Rectangles of the current screen to leave out.'),
    threshold: z.number().min(0).max(1).optional().describe('Perceptual colour threshold 0..1 (default 0.1; smaller is stricter).'),
    provider: providerField,
  },
  outputSchema: {
    baseline: z.string().describe('Real path of the baseline screen.'),
    current: z.string().describe('Real path of the current screen.'),
    width: z.number().describe('Width of the compared area, in pixels.'),
    height: z.number().describe('Height of the compared area, in pixels.'),
    severity: z.enum(DRIFT_SEVERITIES).describe('How much the change matters (rule in docs/drift.md).'),
    severity_reason: z.string().describe('Why that severity.'),
    similarity: z.number().describe('1 − the changed share of the screen.'),
    ssim: z.number().describe('Mean structural similarity, 0..1.'),
    size_change: z
      .object({
        from: z.object({ width: z.number().describe('Pixels.'), height: z.number().describe('Pixels.') }).describe('Baseline size.'),
        to: z.object({ width: z.number().describe('Pixels.'), height: z.number().describe('Pixels.') }).describe('Current size.'),
      })
      .nullable()
      .describe('Set when the sizes differ; the overlap was compared.'),
    regions: z
      .array(z.object({ box: boxSchema, area_share: z.number().describe('Share of the screen changed in it.'), text: z.array(z.string()).describe('Current text inside it.') }))
      .describe('Where the screens differ, largest first.'),
    text: textDiffSchema,
    semantic: z.array(z.string()).nullable().describe("What changed in a model's words; null with the offline provider."),
    diff_image: z.string().describe('PNG: the current screen dimmed, changes in red, regions outlined.'),
    interactions_dir: z.string().describe('Where the comparison is logged.'),
    warnings: z.array(z.string()).describe('Caps that applied (screens over 4096 px are compared scaled down).'),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const d = await ctx.app.compare({
      baseline: args.baseline,
      current: args.current,
      ignoreRegions: args.ignore_regions,
      threshold: args.threshold,
      provider: args.provider,
      requestedBy: 'mcp',
      signal: ctx.signal,
    });
    return {
      structured: screenDriftSummary(d),
      summary: `${d.severity.toUpperCase()}: ${d.severityReason} ${d.regions.length} regions, similarity ${(d.similarity * 100).toFixed(2)}%. Diff image: ${d.diffImage}`,
    };
  },
});

export const updateBaselineTool = defineTool({
  name: 'vaider_update_baseline',
  title: 'Approve a run as the new baseline',
  description:
    "Makes the keyframes of a finished run its test's baseline, replacing the previous baseline: later runs are compared with it. " +
    'Destructive: only do it when a person has confirmed the new screens are right.',
  inputSchema: { run_id: runIdField },
  outputSchema: {
    key: z.string().describe('The test: its path in the project.'),
    screens: z.number().int().describe('Screens in the new baseline.'),
    approved_at: z.string().nullable().describe('When it was approved.'),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const run = await ctx.app.runs.get(args.run_id);
    if (!run.result) throw new VaiderError('BAD_ARGUMENT', `Run ${run.id} is ${run.state}; only a finished run can become a baseline.`);
    const baseline = await ctx.app.approveBaseline({ id: run.id, input: run.input, keyframes: run.result.keyframes });
    return {
      structured: { key: baseline.key, screens: baseline.screens.length, approved_at: baseline.approved_at },
      summary: `The baseline of ${baseline.key} is now run ${run.id} (${baseline.screens.length} screens).`,
    };
  },
});
