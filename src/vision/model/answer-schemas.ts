import { z } from 'zod';

/** What a model must answer, per operation. Validated with zod; the JSON Schema goes to the vendor. */

export const verifyAnswerSchema = z.object({
  results: z
    .array(
      z.object({
        index: z.number().int().min(0).describe('Index of the expectation, as numbered in the prompt.'),
        status: z.enum(['pass', 'fail', 'uncertain']).describe('uncertain when the keyframes do not show enough to tell.'),
        confidence: z.number().min(0).max(1).describe('0..1.'),
        evidence_keyframe: z.number().int().min(1).nullable().describe('1-based number of the keyframe that shows it, or null.'),
        evidence_time: z.number().min(0).nullable().describe('Seconds into the video where the evidence starts, or null.'),
        evidence_end: z.number().min(0).nullable().describe('Seconds into the video where the evidence ends, or null.'),
        explanation: z.string().max(1000).describe('One sentence: what is seen, where and when.'),
      }),
    )
    .describe('One result per expectation.'),
});

export const describeAnswerSchema = z.object({
  summary: z.string().max(2000).describe('What happened, in a sentence or two.'),
  steps: z
    .array(
      z.object({
        keyframe: z.number().int().min(1).describe('1-based keyframe number.'),
        text: z.string().max(1000).describe('What the screen shows, or what changed since the previous keyframe.'),
      }),
    )
    .describe('One step per keyframe, in time order.'),
});

export const findAnswerSchema = z.object({
  found: z.boolean().describe('Whether the element is on the screenshot.'),
  box: z
    .object({
      x: z.number().describe('Left edge in pixels of the image sent.'),
      y: z.number().describe('Top edge in pixels.'),
      width: z.number().describe('Width in pixels.'),
      height: z.number().describe('Height in pixels.'),
    })
    .nullable()
    .describe('The element, or null.'),
  confidence: z.number().min(0).max(1).describe('0..1.'),
  type: z.enum(['button', 'text', 'banner', 'input', 'unknown']).describe('What kind of element it is.'),
  text: z.string().nullable().describe('The text on the element, if any.'),
});

export const compareAnswerSchema = z.object({
  similarity: z.number().min(0).max(1).describe('1 when the screens are the same, 0 when nothing is alike.'),
  regions: z
    .array(
      z.object({
        x: z.number().describe('Left edge in pixels of the second image as sent.'),
        y: z.number().describe('Top edge in pixels.'),
        width: z.number().describe('Width in pixels.'),
        height: z.number().describe('Height in pixels.'),
      }),
    )
    .describe('Where the second screen differs from the first.'),
  changes: z.array(z.string().max(500)).describe('What changed, one sentence each: text, layout, colour, icons, state.'),
});

export type VerifyAnswer = z.infer<typeof verifyAnswerSchema>;
export type DescribeAnswer = z.infer<typeof describeAnswerSchema>;
export type FindAnswer = z.infer<typeof findAnswerSchema>;

export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema) as Record<string, unknown>;
}
