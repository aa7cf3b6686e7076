import { z } from 'zod';
import { DRIFT_SEVERITIES } from '../../app/screens/compare-screens.js';

/** The shapes tools return as structuredContent. Every field is described: agents read these. */

const box = z
  .object({
    x: z.number().describe('Left edge, in pixels of the image.'),
    y: z.number().describe('Top edge, in pixels.'),
    width: z.number().describe('Width in pixels.'),
    height: z.number().describe('Height in pixels.'),
  })
  .describe('A rectangle on the image.');

export const evidenceSchema = z
  .object({
    frameIndex: z.number().int().nullable().describe('0-based index of the keyframe at path, or null when the frame was saved for this evidence alone (no keyframe shows the moment).'),
    time: z.number().describe('Seconds into the video where the evidence starts (0 for a screenshot).'),
    end: z.number().describe('Seconds into the video where it ends: the text was on screen from time to end.'),
    path: z.string().describe('Path of a saved frame (PNG) that shows it.'),
    box: box.optional().describe('Where the evidence is on that frame, when it is a piece of text.'),
  })
  .describe('The stretch of the video a judgement rests on, and a frame that shows it.');

export const verdictSchema = z
  .object({
    status: z.enum(['match', 'mismatch', 'uncertain']).describe('match: every expectation passed; mismatch: one failed; uncertain: none failed but not all could be judged.'),
    confidence: z.number().describe('0..1: how sure the verdict is.'),
    results: z
      .array(
        z.object({
          expectation: z.string().describe('The expectation as given.'),
          status: z.enum(['pass', 'fail', 'uncertain']).describe('uncertain means the provider could not judge it (colour, layout, icons with the offline provider).'),
          confidence: z.number().describe('0..1.'),
          evidence: evidenceSchema.nullable().describe('The evidence keyframe, or null.'),
          explanation: z.string().describe('One sentence: what was seen, where and when.'),
        }),
      )
      .describe('One result per expectation, in the order given.'),
    discrepancies: z.array(z.string()).describe('One line per expectation that did not pass.'),
    explanation: z.string().describe('The verdict in a sentence.'),
  })
  .describe('The verdict against the expectations.');

export const keyframeSchema = z
  .object({
    index: z.number().int().describe('0-based keyframe index.'),
    time: z.number().describe('When this screen appeared (s).'),
    end: z.number().describe('When it was replaced, or the end of the video (s).'),
    change_score: z.number().describe('Share of the screen that changed since the previous keyframe (0..1).'),
    reasons: z
      .array(z.enum(['first', 'text', 'settled', 'last']))
      .describe('Why it was picked: first or last frame; text: the last moment some text was on screen before it went; settled: a screen that held still.'),
    why: z.string().describe('Why it was picked, in words.'),
    path: z.string().describe('Path of the full-resolution PNG.'),
  })
  .describe('A saved frame: together the keyframes show every line of text the video showed, within keyframes.max.');

export const analysisSchema = {
  run_id: z.string().describe('Id of this run; pass it to vaider_get_run or vaider_get_keyframes.'),
  cached: z.boolean().describe('True when an earlier run of the same content and parameters answered; run_id is that run.'),
  input: z.string().describe('Real path of the analyzed file.'),
  media: z
    .object({
      kind: z.enum(['video', 'image']).describe('video or image.'),
      width: z.number().describe('Width in pixels.'),
      height: z.number().describe('Height in pixels.'),
      duration: z.number().describe('Seconds of video analyzed (0 for an image).'),
      codec: z.string().describe('Video codec or image format.'),
    })
    .describe('What the input is.'),
  provider: z.string().describe('The vision provider that answered.'),
  verdict: verdictSchema.nullable().describe('Null when no expectations were given: the input was described only.'),
  description: z
    .object({
      summary: z.string().describe('What happened, in a sentence.'),
      steps: z
        .array(
          z.object({
            time: z.number().describe('Seconds into the video.'),
            frameIndex: z.number().int().nullable().describe('0-based index of a keyframe showing it, or null.'),
            text: z.string().describe('What the screen showed or what changed, in words.'),
          }),
        )
        .describe('One step per change of the text on screen, in time order; runs of typing or counting are one step.'),
    })
    .describe('What happened on screen, step by step.'),
  keyframes: z.array(keyframeSchema).describe('The keyframes, in time order. Images are not inlined; see vaider_get_keyframes.'),
  timeline: z.string().describe('Path of keyframes/timeline.json: the keyframes and why each was saved.'),
  text_timeline: z.string().describe('Path of text-timeline.json: every line of text read on any sampled frame, with when it was on screen.'),
  coverage: z
    .object({
      complete: z.boolean().describe('True when the text of every sampled frame was read.'),
      gaps: z
        .array(z.object({ start: z.number().describe('Seconds.'), end: z.number().describe('Seconds.'), reason: z.string().describe('Why it was not read.') }))
        .describe('Stretches whose text was not read; verdicts that depend on them are uncertain.'),
    })
    .describe('How much of the video the verdict saw.'),
  contact_sheet: z.string().nullable().describe('Path of contact-sheet.png: all keyframes in a labelled grid, the evidence of failed expectations framed in red.'),
  interactions_dir: z.string().describe("This analysis's own folder, <input>.VaiderInteractions/attempts/NNN: every request and response, its log, keyframes and a README; the folder above sums up every attempt (status.json, README.md)."),
  expectations_source: z
    .enum(['explicit', 'expect.md', 'expect.json', 'rules', 'none'])
    .optional()
    .describe('Where the expectations came from: the request, <input>.expect.md or .expect.json beside the input, the rules file, or none (described only). Absent on runs recorded by older versions.'),
  warnings: z.array(z.string()).describe('Caps that applied and damage that was worked around.'),
  drift: z
    .object({
      baseline: z.string().describe("The test's baseline folder."),
      created: z.boolean().describe('True when this run became the baseline.'),
      severity: z.enum(DRIFT_SEVERITIES).describe('The worst drift of any screen.'),
      screens: z
        .array(
          z.object({
            current: z.number().int().describe('Keyframe index.'),
            baseline: z.number().int().describe('Baseline screen index.'),
            severity: z.enum(DRIFT_SEVERITIES).describe('This screen’s drift.'),
            reason: z.string().describe('Why.'),
            similarity: z.number().describe('1 − changed share.'),
            ssim: z.number().describe('Structural similarity.'),
            regions: z.number().int().describe('Changed regions.'),
            region_boxes: z.array(box).optional().describe('Where the changed regions are on the current screen (absent in runs recorded before it).'),
            text_changes: z.array(z.string()).describe('Text changed, added or removed.'),
            diff_image: z.string().describe('The diff image.'),
          }),
        )
        .describe('Matched screens, compared.'),
      added: z.array(z.object({ index: z.number().int().describe('Keyframe.'), time: z.number().describe('Seconds.') })).describe('Screens with no baseline screen.'),
      removed: z.array(z.object({ index: z.number().int().describe('Baseline screen.'), time: z.number().describe('Seconds.') })).describe('Baseline screens not seen.'),
      dynamic_regions: z
        .array(
          z.object({
            baseline: z.number().int().describe('Baseline screen index.'),
            box,
            seen: z.number().int().describe('Runs in which it showed something new.'),
            masked: z.boolean().describe('Left out of this comparison (dynamic_regions.auto_mask); else only suggested.'),
          }),
        )
        .describe('Areas that change from run to run (clocks, spinners, ids): suggested ignore regions.'),
    })
    .nullable()
    .describe('Drift against the baseline, when VaiderRules has drift: true.'),
  usage: z
    .object({
      calls: z.number().int().describe('Model calls made (0 with the local provider).'),
      cached_calls: z.number().int().describe('Of those, answered from the response cache.'),
      images: z.number().int().describe('Images sent to models.'),
      bytes_sent: z.number().int().describe('Bytes of images and video sent.'),
      input_tokens: z.number().int().describe('Tokens in, as the vendors counted them.'),
      output_tokens: z.number().int().describe('Tokens out.'),
      estimated_cost_usd: z.number().describe('Estimated cost in US dollars, from list prices.'),
      fallbacks: z.number().int().describe('Times a provider failed and the next in the chain answered.'),
    })
    .describe('What the model calls of this analysis cost.'),
  duration_ms: z.number().describe('How long the analysis took.'),
  agent_judgement: z
    .object({ prompt: z.string().describe('What to judge and how; the keyframes come as image content.') })
    .optional()
    .describe('Present when the sampling provider was asked for but this client cannot sample: judge the keyframes yourself.'),
};

export const runSummarySchema = z
  .object({
    id: z.string().describe('Run id.'),
    input: z.string().describe('Real path of the analyzed file.'),
    test_title: z.string().nullable().describe('The test that recorded it, when the Playwright reporter named one.'),
    state: z.enum(['queued', 'analyzing', 'done', 'error']).describe('Where the run stands.'),
    verdict: z.enum(['match', 'mismatch', 'uncertain', 'described']).nullable().describe('The verdict, "described" without expectations, null until done.'),
    expectations: z.array(z.string()).describe('The expectations checked.'),
    requested_by: z.string().describe('Who started it: mcp, rest, cli, watcher.'),
    provider: z.string().describe('The vision provider that answered.'),
    duration_ms: z.number().nullable().describe('How long the analysis took, once done.'),
    drift: z.enum(DRIFT_SEVERITIES).nullable().describe('The worst drift against the baseline, when drift was checked.'),
    review: z.enum(['accepted', 'rejected']).nullable().describe("A person's decision on the drift in the viewer: accepted as the baseline, or rejected as a regression."),
    interactions_dir: z.string().nullable().describe('The .VaiderInteractions folder, once known.'),
    error: z
      .object({ code: z.string().describe('Stable error code.'), message: z.string().describe('What went wrong.') })
      .nullable()
      .describe('Why the run failed, if it did.'),
    created_at: z.string().describe('ISO time the run was requested.'),
    updated_at: z.string().describe('ISO time of its last change.'),
  })
  .describe('A past or current analysis.');

export { box as boxSchema };
