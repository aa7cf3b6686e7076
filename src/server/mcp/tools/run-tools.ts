import { z } from 'zod';
import { VaiderError } from '../../../base/errors.js';
import { runIdField } from '../input-fields.js';
import { analysisSchema, runSummarySchema } from '../output-schemas.js';
import { runSummary } from '../run-summary.js';
import { RUN_STATUSES } from '../../../app/runs/run-status.js';
import { defineTool } from './define-tool.js';

export const listRunsTool = defineTool({
  name: 'vaider_list_runs',
  title: 'List past analyses',
  description: 'Lists the analyses recorded in the project (by this server, the watcher and vaider analyze), newest first: state, verdict, expectations and interactions folder of each.',
  inputSchema: {
    state: z.enum(['queued', 'analyzing', 'done', 'error']).optional().describe('Only runs in this state.'),
    status: z.enum(RUN_STATUSES).optional().describe('Only runs that came to this: a verdict (match, mismatch, uncertain), described (no expectations), error, or still queued/analyzing.'),
    limit: z.number().int().min(1).max(500).optional().describe('Most runs to return (default 50).'),
  },
  outputSchema: { runs: z.array(runSummarySchema).describe('The runs, newest first.') },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const runs = (await ctx.app.runs.list({ state: args.state, status: args.status, limit: args.limit })).map(runSummary);
    const lines = runs.map((r) => `${r.id} ${r.state}${r.verdict ? ` ${r.verdict}` : ''} ${r.input}`);
    return { structured: { runs }, summary: runs.length ? lines.join('\n') : 'No runs yet.' };
  },
});

export const getRunTool = defineTool({
  name: 'vaider_get_run',
  title: 'Get one analysis',
  description: 'One run in full: state, attempts on this input, the verdict with evidence, the description, keyframes and the files of its own attempt folder.',
  inputSchema: { run_id: runIdField },
  outputSchema: {
    run: runSummarySchema,
    attempts: z
      .object({
        total: z.number().int().describe('Analyses of this input so far.'),
        mismatches: z.number().int().describe('Of those, mismatches.'),
        errors: z.number().int().describe('Of those, errors.'),
      })
      .nullable()
      .describe("From the interactions folder's status.json."),
    files: z.array(z.string()).describe('Files in the run\'s attempt folder (interactions_dir), relative to it.'),
    result: z.object(analysisSchema).omit({ run_id: true, cached: true, agent_judgement: true }).nullable().describe('The full result once the run is done.'),
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const { run, attempts, files } = await ctx.app.runs.details(args.run_id);
    const summary = runSummary(run);
    return {
      structured: { run: summary, attempts, files, result: run.result },
      summary: `${run.id} ${run.state}${summary.verdict ? ` ${summary.verdict}` : ''}: ${run.input}`,
    };
  },
});

export const getKeyframesTool = defineTool({
  name: 'vaider_get_keyframes',
  title: 'Get keyframe images',
  description:
    'Returns the keyframes of a run as images, scaled down, for an agent that wants to look at the screens itself (colour, layout, icons). ' +
    'Only call it when you need to see them: images cost tokens.',
  inputSchema: {
    run_id: runIdField,
    max: z.number().int().min(1).max(24).optional().describe('Most images (default 6): the first, the last and evenly spread between.'),
    width: z.number().int().min(160).max(1920).optional().describe('Width in pixels of each image (default 640).'),
  },
  outputSchema: {
    run_id: z.string().describe('The run.'),
    keyframes: z
      .array(
        z.object({
          index: z.number().int().describe('0-based keyframe index.'),
          time: z.number().describe('Seconds into the video.'),
          path: z.string().describe('The full-resolution PNG.'),
          width: z.number().describe('Width of the returned image.'),
          height: z.number().describe('Height of the returned image.'),
        }),
      )
      .describe('The keyframes returned, in the order of the image contents.'),
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const run = await ctx.app.runs.get(args.run_id);
    if (!run.result) throw new VaiderError('BAD_ARGUMENT', `Run ${run.id} is ${run.state}; it has no keyframes yet.`);
    const all = run.result.keyframes;
    const max = Math.min(args.max ?? 6, all.length);
    const picked = Array.from(new Set(Array.from({ length: max }, (_, i) => Math.round((i * (all.length - 1)) / Math.max(1, max - 1))))).map(
      (i) => all[i]!,
    );
    const images = await ctx.app.keyframeImages(
      picked.map((k) => k.path),
      args.width ?? 640,
    );
    return {
      structured: {
        run_id: run.id,
        keyframes: picked.map((k, i) => ({ index: k.index, time: k.time, path: k.path, width: images[i]!.width, height: images[i]!.height })),
      },
      summary: picked.map((k) => `keyframe ${k.index + 1} at ${k.time.toFixed(2)} s`).join(', '),
      content: images.map((image) => ({ type: 'image' as const, data: image.data, mimeType: image.mimeType })),
    };
  },
});
