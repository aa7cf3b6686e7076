import { z } from 'zod';
import { VaiderError } from '../../../base/errors.js';
import { pathField } from '../input-fields.js';
import { defineTool } from './define-tool.js';

const healingEventSchema = z.object({
  id: z.string().describe('Event id, for review.'),
  flow: z.string().describe('The flow.'),
  step: z.number().int().describe('1-based step number.'),
  description: z.string().describe('The target in words.'),
  old_selector: z.string().nullable().describe('The selector that failed.'),
  new_selector: z.string().nullable().describe('The healed selector (applied or proposed), else null.'),
  method: z.enum(['ocr', 'model', 'none']).describe('How the element was found on screen.'),
  confidence: z.number().describe('0..1.'),
  decision: z.enum(['applied', 'proposed', 'manual_review', 'failed']).describe('≥0.90 applied, ≥0.80 proposed, ≥0.70 manual review, else failed.'),
  candidates: z
    .array(z.object({ selector: z.string().describe('Candidate.'), kind: z.string().describe('test-id, id, role, label, text, css.'), unique: z.boolean().describe('Matches one element.'), visible: z.boolean().describe('Visible.'), confidence: z.number().describe('0..1.') }))
    .describe('Every selector considered.'),
  before_screenshot: z.string().describe('The screen when the locator failed.'),
  after_screenshot: z.string().nullable().describe('The element found, outlined.'),
  created_at: z.string().describe('ISO time.'),
  review: z.enum(['pending', 'approved', 'rejected']).describe("A person's verdict."),
});

export const runFlowTool = defineTool({
  name: 'vaider_run_flow',
  title: 'Run a flow with locator healing',
  description:
    'Drives a flow file (YAML or JSON: goto, fill, click, expect, wait, expectations) in Chromium with Playwright or Selenium, heals broken locators by what the target looks like, ' +
    'records the run and verifies the video against the flow expectations, re-running under VaiderRules. Expectations are never edited to make a run pass.',
  inputSchema: {
    path: pathField.describe('The flow file (.yaml, .yml or .json), inside the allowed roots.'),
    driver: z.enum(['playwright', 'selenium']).optional().describe('Browser engine (default playwright).'),
    url: z.string().url().optional().describe("Base URL for the flow's relative goto paths."),
    retry: z.boolean().optional().describe('Re-run on a mismatch or a failed step (default true).'),
  },
  outputSchema: {
    passed: z.boolean().describe('The flow ran and its video matched.'),
    stopped_because: z.enum(['passed', 'mismatch_limit', 'error_limit', 'repeated_failure', 'no_retry']).describe('Why the attempts stopped.'),
    attempts: z
      .array(
        z.object({
          attempt: z.number().int().describe('1-based.'),
          passed: z.boolean().describe('Every step ran.'),
          failure: z.object({ step: z.number().int().describe('Step.'), message: z.string().describe('Why.') }).nullable().describe('The failed step.'),
          video: z.string().describe('The recording.'),
          verdict: z.enum(['match', 'mismatch', 'uncertain']).nullable().describe('The video verdict.'),
          healed: z.number().int().describe('Steps healed.'),
        }),
      )
      .describe('Each attempt.'),
    healing: z.array(healingEventSchema).describe('Healing events of this run.'),
    patch: z.string().nullable().describe('Proposed locator changes as a patch file.'),
    rewritten: z.number().int().describe('Locators written into the flow file (healing.auto_commit).'),
    interactions_dir: z.string().describe('The folder of the flow run’s summary (healing.patch, the outcome), inside the last attempt video’s interactions folder.'),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, ctx) {
    const o = await ctx.app.runFlow({ flowPath: args.path, driver: args.driver ?? 'playwright', baseUrl: args.url, retry: args.retry, requestedBy: 'mcp', signal: ctx.signal });
    return {
      structured: { passed: o.passed, stopped_because: o.stoppedBecause, attempts: o.attempts, healing: o.healing, patch: o.patch, rewritten: o.rewritten, interactions_dir: o.interactionsDir },
      summary: `${o.passed ? 'PASSED' : `NOT PASSED (${o.stoppedBecause})`} after ${o.attempts.length} attempt(s); ${o.healing.length} healing event(s). Interactions: ${o.interactionsDir}`,
    };
  },
});

export const reviewHealingTool = defineTool({
  name: 'vaider_review_healing',
  title: 'Review locator healing',
  description: 'Lists healing events (filter by flow or review state), or records a person’s approval or rejection of one. Approve only what a person confirmed.',
  inputSchema: {
    action: z.enum(['list', 'approve', 'reject']).describe('list, or approve/reject one event.'),
    id: z.string().optional().describe('The event to approve or reject.'),
    flow: z.string().optional().describe('Only events of this flow (list).'),
    review: z.enum(['pending', 'approved', 'rejected']).optional().describe('Only events in this review state (list).'),
  },
  outputSchema: { events: z.array(healingEventSchema).describe('The events listed, or the one reviewed.') },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    if (args.action === 'list') {
      const events = await ctx.app.healingEvents({ flow: args.flow, review: args.review });
      return { structured: { events }, summary: `${events.length} healing event(s).` };
    }
    if (!args.id) throw new VaiderError('BAD_ARGUMENT', 'Give the id of the healing event to approve or reject.');
    const event = await ctx.app.reviewHealing(args.id, args.action === 'approve' ? 'approved' : 'rejected');
    return { structured: { events: [event] }, summary: `${event.id}: ${event.review}.` };
  },
});
