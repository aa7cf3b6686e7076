import { z } from 'zod';
import { stat } from 'node:fs/promises';
import { VaiderError } from '../../errors.js';
import { scaledImageFile, type ScaledFile } from '../../media/scaled-image.js';
import { fileHash } from '../../util/file-hash.js';
import { verdictFromResults } from '../expectations/verify-expectations.js';
import type { CallContext, Description, ElementMatch, Evidence, ExpectationResult, OcrResult, ScreenEvidence, Verdict, VisionProvider } from '../types.js';
import { compareAnswerSchema, describeAnswerSchema, findAnswerSchema, jsonSchemaOf, verifyAnswerSchema, type VerifyAnswer } from './answer-schemas.js';
import type { ModelCallRecord } from './model-call-record.js';
import type { ModelClient, ModelRequest } from './model-client.js';
import { estimatedCostUsd } from './model-prices.js';
import { comparePrompt, describePrompt, findPrompt, newFences, PROMPT_TEMPLATE_VERSION, systemPrompt, verifyPrompt } from './prompts.js';
import { cacheKey, type ResponseCache } from './response-cache.js';

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

/** Evenly spread picks that keep the first and the last: what fits in a model's image limit. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const picked = new Set(Array.from({ length: max }, (_, i) => Math.round((i * (items.length - 1)) / (max - 1))));
  return items.filter((_, i) => picked.has(i));
}

function parseAnswer<T>(schema: z.ZodType<T>, text: string): { ok: true; value: T } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, problem: `${issue.path.join('.') || '(top level)'}: ${issue.message}` };
}

/**
 * A VisionProvider on any model client: prompts with fenced screen text, JSON answers validated with
 * zod (one retry on an invalid answer, then an error), temperature 0, a response cache keyed by the
 * frames' bytes, the prompt template version, the model and the parameters, and a record of every
 * exchange (images by path, tokens, bytes, cost) for the interactions log.
 */
export function createModelVisionProvider(options: ModelProviderOptions): VisionProvider {
  const { client, local, cache, temperature } = options;

  async function ask<T>(
    operation: ModelCallRecord['operation'],
    schema: z.ZodType<T>,
    build: { prompt: (fences: ReturnType<typeof newFences>) => string; images: ScaledFile[]; video?: string; keyParts: Record<string, unknown> },
    ctx: CallContext,
  ): Promise<T> {
    const key = cacheKey({
      operation,
      provider: client.provider,
      model: client.model,
      template: PROMPT_TEMPLATE_VERSION,
      temperature,
      images: await Promise.all(build.images.map((i) => fileHash(i.path))),
      video: build.video ? await fileHash(build.video) : null,
      ...build.keyParts,
    });
    const bytesSent = build.images.reduce((sum, i) => sum + i.bytes, 0) + (build.video ? (await stat(build.video)).size : 0);
    const fences = newFences();
    const request: ModelRequest = {
      system: systemPrompt(fences),
      prompt: build.prompt(fences),
      images: build.images.map((i) => ({ path: i.path, mimeType: 'image/jpeg' })),
      ...(build.video && { video: { path: build.video, mimeType: build.video.endsWith('.webm') ? 'video/webm' : 'video/mp4' } }),
      schema: jsonSchemaOf(schema),
      schemaName: `vaider_${operation}`,
      temperature,
      signal: ctx.signal,
    };
    const record = (partial: Pick<ModelCallRecord, 'response' | 'latencyMs' | 'inputTokens' | 'outputTokens' | 'cached'>) =>
      ctx.onModelCall?.({
        operation,
        provider: client.provider,
        model: client.model,
        request: {
          system: request.system,
          prompt: request.prompt,
          images: request.images.map((i) => i.path),
          video: request.video?.path ?? null,
          schema: request.schemaName,
          temperature,
        },
        imageCount: request.images.length,
        bytesSent: partial.cached ? 0 : bytesSent,
        estimatedCostUsd: estimatedCostUsd(client.provider, client.model, partial.inputTokens, partial.outputTokens),
        ...partial,
      });

    if (cache && !ctx.noCache) {
      const hit = await cache.get(key);
      const parsed = hit === undefined ? undefined : parseAnswer(schema, hit);
      if (hit !== undefined && parsed?.ok) {
        await record({ response: { text: hit }, latencyMs: 0, inputTokens: 0, outputTokens: 0, cached: true });
        return parsed.value;
      }
    }

    let problem = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      const started = performance.now();
      const prompt = attempt === 0 ? request.prompt : `${request.prompt}\n\nYour previous answer was rejected (${problem}). Answer again with JSON that matches the schema.`;
      let response;
      try {
        response = await client.complete({ ...request, prompt });
      } catch (error) {
        await record({ response: { error: (error as Error).message }, latencyMs: performance.now() - started, inputTokens: 0, outputTokens: 0, cached: false });
        throw error;
      }
      await record({
        response: { text: response.text },
        latencyMs: Math.round(performance.now() - started),
        inputTokens: response.usage.inputTokens,
        outputTokens: response.usage.outputTokens,
        cached: false,
      });
      const parsed = parseAnswer(schema, response.text);
      if (parsed.ok) {
        await cache?.set(key, response.text);
        return parsed.value;
      }
      problem = parsed.problem;
    }
    throw new VaiderError('MODEL_OUTPUT_INVALID', `${client.provider} (${client.model}) answered ${operation} twice with invalid JSON: ${problem}.`, {
      provider: client.provider,
      model: client.model,
    });
  }

  /**
   * The keyframes that fit the model's image limit, scaled, with the text the timeline read on each:
   * the same evidence the offline judge used, nothing read twice.
   */
  const prepare = async (evidence: ScreenEvidence) => {
    const sent = spread(evidence.frames, client.capabilities.maxImages);
    const images = await Promise.all(sent.map((f) => scaledImageFile(f.path, client.capabilities.maxImageSide)));
    const ocr: OcrResult[] = sent.map((frame) => {
      const state = evidence.timeline.states.find((s) => s.keyframe === frame.index) ?? evidence.timeline.states.findLast((s) => s.start <= frame.time);
      const lines = state?.lines ?? [];
      return { width: frame.width, height: frame.height, text: lines.map((l) => l.text).join('\n'), lines };
    });
    return { sent, images, ocr };
  };

  const nativeVideo = (ctx: CallContext) =>
    client.capabilities.nativeVideo && ctx.video && ctx.video.duration > 0 && ctx.video.duration <= options.maxNativeVideoSeconds ? ctx.video.path : undefined;

  return {
    id: options.id,
    capabilities: { nativeVideo: client.capabilities.nativeVideo, structuredOutput: true, readsText: true, judgesVisualStyle: true },

    async describe(evidence, ctx = {}): Promise<Description> {
      const { sent, images, ocr } = await prepare(evidence);
      const answer = await ask('describe', describeAnswerSchema, { prompt: (f) => describePrompt(f, sent, ocr), images, keyParts: {} }, ctx);
      const observations = sent.map((frame, i) => ({ frame, lines: ocr[i]!.lines, summary: '' }));
      const steps = answer.steps
        .filter((s) => sent[s.keyframe - 1])
        .map((s) => ({ time: sent[s.keyframe - 1]!.time, frameIndex: sent[s.keyframe - 1]!.index, text: s.text }));
      return { summary: answer.summary, steps, observations };
    },

    async verify(evidence, expectations, ctx = {}): Promise<Verdict> {
      const video = nativeVideo(ctx);
      const { sent, images, ocr } = await prepare(evidence);
      const { timeline } = evidence;
      const answer = await ask(
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
      // The model cites a keyframe or a time range; the evidence is the range, shown by a saved frame.
      const evidenceOf = async (given: VerifyAnswer['results'][number]): Promise<Evidence | null> => {
        const keyframe = given.evidence_keyframe !== null ? sent[given.evidence_keyframe - 1] : undefined;
        const time = given.evidence_time ?? keyframe?.time;
        if (time === undefined) return null;
        const end = Math.max(time, given.evidence_end ?? time);
        const frame = keyframe && given.evidence_time === null ? { index: keyframe.index, path: keyframe.path } : await evidence.frameAt(time);
        return { frameIndex: frame.index, time, end, path: frame.path };
      };
      const results: ExpectationResult[] = await Promise.all(
        expectations.map(async (expectation, index): Promise<ExpectationResult> => {
          const given = answer.results.find((r) => r.index === index);
          if (!given) {
            return { expectation, status: 'uncertain', confidence: 0, evidence: null, explanation: `${client.provider} gave no answer for this expectation.` };
          }
          return { expectation, status: given.status, confidence: given.confidence, evidence: await evidenceOf(given), explanation: given.explanation };
        }),
      );
      return verdictFromResults(results);
    },

    ocr: (image, ctx) => local.ocr(image, ctx),
    ocrFrame: (image, ctx) => local.ocrFrame(image, ctx),
    embed: (image, ctx) => local.embed(image, ctx),

    async findElement(image, target, ctx = {}): Promise<ElementMatch | null> {
      const scaled = await scaledImageFile(image, client.capabilities.maxImageSide);
      const answer = await ask('find_element', findAnswerSchema, { prompt: (f) => findPrompt(f, target, scaled.width, scaled.height), images: [scaled], keyParts: { target } }, ctx);
      if (!answer.found || !answer.box) return null;
      const box = {
        x: Math.round(answer.box.x * scaled.scale),
        y: Math.round(answer.box.y * scaled.scale),
        width: Math.round(answer.box.width * scaled.scale),
        height: Math.round(answer.box.height * scaled.scale),
      };
      return { box, center: { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) }, confidence: answer.confidence, type: answer.type, text: answer.text ?? '' };
    },

    async compare(before, after, ctx = {}) {
      const [a, b, textA, textB] = await Promise.all([
        scaledImageFile(before, client.capabilities.maxImageSide),
        scaledImageFile(after, client.capabilities.maxImageSide),
        local.ocr(before, ctx),
        local.ocr(after, ctx),
      ]);
      const answer = await ask(
        'compare',
        compareAnswerSchema,
        { prompt: (f) => comparePrompt(f, textA.lines.map((l) => l.text), textB.lines.map((l) => l.text), b.width, b.height), images: [a, b], keyParts: {} },
        ctx,
      );
      return {
        similarity: answer.similarity,
        regions: answer.regions.map((r) => ({
          x: Math.round(r.x * b.scale),
          y: Math.round(r.y * b.scale),
          width: Math.round(r.width * b.scale),
          height: Math.round(r.height * b.scale),
        })),
        changes: answer.changes,
      };
    },

    // The local provider is owned by the registry, which closes it once.
    close: async () => undefined,
  };
}
