import type { ProviderId } from '../../config/schema.js';
import { VaiderError } from '../../base/errors.js';
import { withAttempt } from '../../interactions/interaction-log.js';
import { elementTypeOf, type ElementMatch, type ElementType } from '../../screen/element.js';
import { stillTimeline } from '../../vision/timeline/text-timeline.js';
import type { OcrLine } from '../../screen/ocr-text.js';
import type { UseCaseContext } from '../use-case-context.js';
import { assertLooksLikeMedia, resolveInput, type ResolvedInput } from '../analysis/resolve-input.js';

export interface ScreenshotRequest {
  input: string;
  provider?: ProviderId;
  requestedBy?: string;
  signal?: AbortSignal;
}

export interface ScreenshotDescription {
  input: string;
  width: number;
  height: number;
  summary: string;
  elements: Array<{ text: string; type: ElementType; box: OcrLine['box']; confidence: number }>;
  interactionsDir: string;
}

export interface ElementSearch {
  input: string;
  target: string;
  match: ElementMatch | null;
  interactionsDir: string;
}

async function screenshotInput(ctx: UseCaseContext, file: string): Promise<ResolvedInput> {
  const input = await resolveInput(file, ctx.config);
  if (input.kind !== 'image') {
    throw new VaiderError('BAD_ARGUMENT', `${file} is a video; analyze it as a video, or give a screenshot (.png, .jpg, .webp).`, {
      path: file,
    });
  }
  await assertLooksLikeMedia(input);
  return input;
}

/** What a screenshot shows: every line of text with where it is and what kind of element it sits on. */
export async function describeScreenshot(ctx: UseCaseContext, request: ScreenshotRequest): Promise<ScreenshotDescription> {
  const input = await screenshotInput(ctx, request.input);
  const provider = ctx.providerFor(request.provider);
  return withAttempt(input.path, 'describe', ctx.config.rules.interactions.keep_attempts, async (log) => {
    await log.event('agent.describe_screenshot_requested', { requested_by: request.requestedBy ?? 'api', input: input.path });
    const ocr = await provider.ocr(input.path, { signal: request.signal });
    const frame = { index: 0, time: 0, path: input.path, width: ocr.width, height: ocr.height };
    const shown = { index: 0, path: input.path };
    const evidence = { frames: [frame], timeline: stillTimeline(ocr.lines, ocr.illegible ?? []), frameAt: () => Promise.resolve(shown) };
    const description = await provider.describe(evidence, { signal: request.signal });
    const result: ScreenshotDescription = {
      input: input.path,
      width: ocr.width,
      height: ocr.height,
      summary: description.observations[0]?.summary ?? description.summary,
      elements: ocr.lines.map((line) => ({
        text: line.text,
        type: elementTypeOf(line, ocr.width),
        box: line.region ?? line.box,
        confidence: line.confidence,
      })),
      interactionsDir: log.dir,
    };
    await log.exchange('describe_screenshot', { operation: 'describe', provider: provider.id, image: input.path }, result);
    return result;
  });
}

/** Where on a screenshot the element a person describes is ("the Sign In button"), or null. */
export async function findElementOnScreenshot(
  ctx: UseCaseContext,
  request: ScreenshotRequest & { target: string },
): Promise<ElementSearch> {
  const target = request.target.trim();
  if (!target) throw new VaiderError('BAD_ARGUMENT', 'Describe the element to find, e.g. "the Sign In button".');
  const input = await screenshotInput(ctx, request.input);
  const provider = ctx.providerFor(request.provider);
  return withAttempt(input.path, 'find', ctx.config.rules.interactions.keep_attempts, async (log) => {
    await log.event('agent.find_element_requested', { requested_by: request.requestedBy ?? 'api', input: input.path, target });
    const match = await provider.findElement(input.path, target, { signal: request.signal });
    await log.exchange('find_element', { operation: 'find_element', provider: provider.id, image: input.path, target }, match);
    return { input: input.path, target, match, interactionsDir: log.dir };
  });
}
