import type { ProviderId } from '../../../config/schema.js';
import { agentJudgementPrompt } from '../../../app/analysis/agent-judgement.js';
import type { RunOutcome } from '../../../app/runs/run-service.js';
import { resultLine, verdictHeadline } from '../../../app/analysis/verdict-words.js';
import { VaiderError } from '../../../base/errors.js';
import { expectationsField, keyframesField, noCacheField, pathField, providerField } from '../input-fields.js';
import { analysisSchema, verdictSchema } from '../output-schemas.js';
import { defineTool, type VaiderToolContext as ToolContext } from './define-tool.js';

function finished({ run, cached }: RunOutcome) {
  if (!run.result) throw new VaiderError('INTERNAL', `Run ${run.id} finished without a result.`);
  return { run_id: run.id, cached, ...run.result };
}

/**
 * The sampling provider without a client that samples: the agent judges itself, from the keyframes
 * (as images) and a prompt; the offline verdict stays in the result for reference.
 */
async function agentJudgement(outcome: RunOutcome, args: { provider?: ProviderId }, ctx: ToolContext) {
  const provider = ctx.app.providerId(args.provider);
  if (provider !== 'sampling' || ctx.sampling || !outcome.run.result) return undefined;
  const keyframes = outcome.run.result.keyframes;
  const picked = keyframes.length <= 6 ? keyframes : keyframes.filter((_, i) => i % Math.ceil(keyframes.length / 6) === 0 || i === keyframes.length - 1);
  const images = await ctx.app.keyframeImages(
    picked.map((k) => k.path),
    768,
  );
  return {
    structured: { prompt: agentJudgementPrompt(outcome.run) },
    content: images.map((image) => ({ type: 'image' as const, data: image.data, mimeType: image.mimeType })),
  };
}

function verdictLine(outcome: RunOutcome): string {
  const result = finished(outcome);
  const head = result.verdict ? verdictHeadline(result.verdict) : `Described only: ${result.description.summary}`;
  const lines = (result.verdict?.results ?? []).map((r) => `- ${resultLine(r)}`);
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
    sampling: ctx.sampling,
    requestedBy: 'mcp',
    signal: ctx.signal,
    onProgress: (p) => ctx.progress(p.fraction, `${p.stage}: ${p.message}`),
  });
}

export const analyzeVideoTool = defineTool({
  name: 'vaider_analyze_video',
  title: 'Analyze a test video or screenshot',
  description:
    'Describes what happened on screen in a GUI test video or screenshot, step by step with timestamps, and verifies expectations on every sampled frame (those given, else those the input brings: <input>.expect.md or .expect.json beside it, then the rules file; expectations_source says which) (the text timeline), each with its evidence: a time range, a saved frame and the box of the text. ' +
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
    const judgement = await agentJudgement(outcome, args, ctx);
    return {
      structured: { ...finished(outcome), ...(judgement && { agent_judgement: judgement.structured }) },
      summary: judgement ? `${verdictLine(outcome)}\n\n${judgement.structured.prompt}` : verdictLine(outcome),
      content: judgement?.content,
    };
  },
});

export const verifyVideoTool = defineTool({
  name: 'vaider_verify_video',
  title: 'Verify a test video against expectations',
  description:
    'Checks a GUI test video or screenshot against expectations and returns a verdict per expectation (pass, fail or uncertain) with its evidence (time range, saved frame, box) and an explanation. ' +
    'Uncertain means Vaider did not see enough to decide (a visual claim offline, or part of the video not read): look at the evidence frames before deciding. ' +
    'On a mismatch, fix and re-run the test within the VaiderRules retry limits, then tell the developer about the interactions_dir.',
  inputSchema: {
    path: pathField,
    expectations: expectationsField.min(1),
    provider: providerField,
    no_cache: noCacheField,
  },
  outputSchema: {
    agent_judgement: analysisSchema.agent_judgement,
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
    const judgement = await agentJudgement(outcome, args, ctx);
    return {
      content: judgement?.content,
      structured: {
        ...(judgement && { agent_judgement: judgement.structured }),
        run_id: result.run_id,
        cached: result.cached,
        input: result.input,
        verdict: result.verdict!,
        interactions_dir: result.interactions_dir,
        duration_ms: result.duration_ms,
      },
      summary: judgement ? `${verdictLine(outcome)}\n\n${judgement.structured.prompt}` : verdictLine(outcome),
    };
  },
});
