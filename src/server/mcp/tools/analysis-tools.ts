import type { ProviderId } from '../../../config/schema.js';
import type { RunOutcome } from '../../../app/run-service.js';
import { VaiderError } from '../../../errors.js';
import { expectationsField, keyframesField, noCacheField, pathField, providerField } from '../input-fields.js';
import { analysisSchema, verdictSchema } from '../output-schemas.js';
import { defineTool, type ToolContext } from '../tool-definition.js';

function finished({ run, cached }: RunOutcome) {
  if (!run.result) throw new VaiderError('INTERNAL', `Run ${run.id} finished without a result.`);
  return { run_id: run.id, cached, ...run.result };
}

function verdictLine(outcome: RunOutcome): string {
  const result = finished(outcome);
  const head = result.verdict
    ? `${result.verdict.status.toUpperCase()} (confidence ${result.verdict.confidence.toFixed(2)}): ${result.verdict.explanation}`
    : `Described only: ${result.description.summary}`;
  const lines = (result.verdict?.results ?? []).map((r) => `- ${r.status.toUpperCase()} ${r.expectation}: ${r.explanation}`);
  return [head, ...lines, `Run ${result.run_id}${result.cached ? ' (cached)' : ''}. Interactions: ${result.interactions_dir}`].join('\n');
}

async function runAnalysis(
  args: { path: string; expectations?: string[]; provider?: ProviderId; keyframes?: number; no_cache?: boolean },
  ctx: ToolContext,
): Promise<RunOutcome> {
  return ctx.app.runs.analyze({
    input: args.path,
    expectations: args.expectations,
    provider: args.provider,
    maxKeyframes: args.keyframes,
    noCache: args.no_cache,
    requestedBy: 'mcp',
    signal: ctx.signal,
    onProgress: (p) => ctx.progress(p.fraction, `${p.stage}: ${p.message}`),
  });
}

export const analyzeVideoTool = defineTool({
  name: 'vaider_analyze_video',
  title: 'Analyse a test video or screenshot',
  description:
    'Describes what happened on screen in a GUI test video or screenshot, step by step with timestamps, and, when expectations are given, verifies them with evidence keyframes. ' +
    'Use it on every video or screenshot a GUI test produces. Runs offline by default. Keyframe images are not returned (see vaider_get_keyframes); ' +
    'everything asked and answered is logged in the returned interactions_dir. Sends progress notifications; cancelling the call stops the work.',
  inputSchema: {
    path: pathField,
    expectations: expectationsField.optional(),
    provider: providerField,
    keyframes: keyframesField,
    no_cache: noCacheField,
  },
  outputSchema: analysisSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const outcome = await runAnalysis(args, ctx);
    return { structured: finished(outcome), summary: verdictLine(outcome) };
  },
});

export const verifyVideoTool = defineTool({
  name: 'vaider_verify_video',
  title: 'Verify a test video against expectations',
  description:
    'Checks a GUI test video or screenshot against expectations and returns a verdict per expectation (pass, fail or uncertain) with its evidence keyframe and an explanation. ' +
    'On a mismatch, fix and re-run the test within the VaiderRules retry limits, then tell the developer about the interactions_dir.',
  inputSchema: {
    path: pathField,
    expectations: expectationsField.min(1),
    provider: providerField,
    no_cache: noCacheField,
  },
  outputSchema: {
    run_id: analysisSchema.run_id,
    cached: analysisSchema.cached,
    input: analysisSchema.input,
    verdict: verdictSchema,
    interactions_dir: analysisSchema.interactions_dir,
    duration_ms: analysisSchema.duration_ms,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const outcome = await runAnalysis(args, ctx);
    const result = finished(outcome);
    return {
      structured: {
        run_id: result.run_id,
        cached: result.cached,
        input: result.input,
        verdict: result.verdict!,
        interactions_dir: result.interactions_dir,
        duration_ms: result.duration_ms,
      },
      summary: verdictLine(outcome),
    };
  },
});
