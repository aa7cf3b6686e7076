import { scaledImageFile } from '../../media/scaled-image.js';
import { verdictFromResults } from '../expectations/verify-expectations.js';
import type { Box } from '../../screen/box.js';
import type { CallContext, Description, VisionProvider } from '../types.js';
import type { ElementMatch } from '../../screen/element.js';
import type { ExpectationResult, Verdict } from '../../screen/verdict.js';
import { compareAnswerSchema, describeAnswerSchema, findAnswerSchema, verifyAnswerSchema } from './answer-schemas.js';
import { askModel, type AskSettings } from './ask-model.js';
import { citedEvidence, evidenceForModel } from './evidence-for-model.js';
import type { ModelClient } from './model-client.js';
import { comparePrompt, describePrompt, findPrompt, verifyPrompt, type Fences } from './prompts.js';
import type { ResponseCache } from './response-cache.js';

export interface ModelProviderOptions {
  id: string;
  client: ModelClient;
  /** OCR for the prompts' screen text, embeddings, and what a model does not do. */
  local: VisionProvider;
  cache: ResponseCache | undefined;
  temperature: number;
  /** Videos up to this long go whole to models that take video; longer ones as keyframes. */
  maxNativeVideoSeconds: number;
}

/** A box the model gave on a scaled image, in the original image's pixels. */
function unscaled(box: Box, scale: number): Box {
  return { x: Math.round(box.x * scale), y: Math.round(box.y * scale), width: Math.round(box.width * scale), height: Math.round(box.height * scale) };
}

/**
 * A VisionProvider on any model client: prompts with fenced screen text, JSON answers validated with
 * zod (see askModel), temperature 0, a response cache, and a record of every exchange for the
 * interactions log. OCR and embeddings stay local.
 */
export function createModelVisionProvider(options: ModelProviderOptions): VisionProvider {
  const { client, local } = options;
  const settings: AskSettings = { client, cache: options.cache, temperature: options.temperature };
  const { maxImageSide } = client.capabilities;

  const nativeVideo = (ctx: CallContext) =>
    client.capabilities.nativeVideo && ctx.video && ctx.video.duration > 0 && ctx.video.duration <= options.maxNativeVideoSeconds ? ctx.video.path : undefined;

  return {
    id: options.id,
    capabilities: { nativeVideo: client.capabilities.nativeVideo, structuredOutput: true, readsText: true, judgesVisualStyle: true },
    unavailable: client.unavailable,

    async describe(evidence, ctx = {}): Promise<Description> {
      const { sent, images, ocr } = await evidenceForModel(evidence, client.capabilities);
      const answer = await askModel(settings, 'describe', describeAnswerSchema, { prompt: (f) => describePrompt(f, sent, ocr), images, keyParts: {} }, ctx);
      const observations = sent.map((frame, i) => ({ frame, lines: ocr[i]!.lines, summary: '' }));
      const steps = answer.steps
        .filter((s) => sent[s.keyframe - 1])
        .map((s) => ({ time: sent[s.keyframe - 1]!.time, frameIndex: sent[s.keyframe - 1]!.index, text: s.text }));
      return { summary: answer.summary, steps, observations };
    },

    async verify(evidence, expectations, ctx = {}): Promise<Verdict> {
      const video = nativeVideo(ctx);
      const { sent, images, ocr } = await evidenceForModel(evidence, client.capabilities);
      const { timeline } = evidence;
      const answer = await askModel(
        settings,
        'verify',
        verifyAnswerSchema,
        {
          prompt: (f) => verifyPrompt(f, sent, expectations, ocr, video !== undefined, timeline),
          images: video ? [] : images,
          video,
          keyParts: { expectations, timeline: timeline.spans.map((s) => [s.text, s.firstSeen, s.lastSeen]) },
        },
        ctx,
      );
      const results: ExpectationResult[] = await Promise.all(
        expectations.map(async (expectation, index): Promise<ExpectationResult> => {
          const given = answer.results.find((r) => r.index === index);
          if (!given) {
            return { expectation, status: 'uncertain', confidence: 0, evidence: null, explanation: `${client.provider} gave no answer for this expectation.` };
          }
          return { expectation, status: given.status, confidence: given.confidence, evidence: await citedEvidence(given, sent, evidence), explanation: given.explanation };
        }),
      );
      return verdictFromResults(results);
    },

    ocr: (image, ctx) => local.ocr(image, ctx),
    ocrFrame: (image, ctx) => local.ocrFrame(image, ctx),
    embed: (image, ctx) => local.embed(image, ctx),

    async findElement(image, target, ctx = {}): Promise<ElementMatch | null> {
      const scaled = await scaledImageFile(image, maxImageSide);
      const question = { prompt: (f: Fences) => findPrompt(f, target, scaled.width, scaled.height), images: [scaled], keyParts: { target } };
      const answer = await askModel(settings, 'find_element', findAnswerSchema, question, ctx);
      if (!answer.found || !answer.box) return null;
      const box = unscaled(answer.box, scaled.scale);
      return { box, center: { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) }, confidence: answer.confidence, type: answer.type, text: answer.text ?? '' };
    },

    async compare(before, after, ctx = {}) {
      const [a, b, textA, textB] = await Promise.all([scaledImageFile(before, maxImageSide), scaledImageFile(after, maxImageSide), local.ocr(before, ctx), local.ocr(after, ctx)]);
      const lines = (text: typeof textA) => text.lines.map((l) => l.text);
      const question = { prompt: (f: Fences) => comparePrompt(f, lines(textA), lines(textB), b.width, b.height), images: [a, b], keyParts: {} };
      const answer = await askModel(settings, 'compare', compareAnswerSchema, question, ctx);
      return { similarity: answer.similarity, regions: answer.regions.map((r) => unscaled(r, b.scale)), changes: answer.changes };
    },

    // The local provider is owned by the registry, which closes it once.
    close: async () => undefined,
  };
}
