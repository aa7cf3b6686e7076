import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import { VaiderError } from '../../base/errors.js';
import type { ScaledFile } from '../../media/scaled-image.js';
import { fileHash } from '../../base/file-hash.js';
import type { CallContext } from '../types.js';
import { jsonSchemaOf } from './answer-schemas.js';
import type { ModelCallRecord } from './model-call-record.js';
import type { ModelClient, ModelRequest } from './model-client.js';
import { estimatedCostUsd } from './model-prices.js';
import { newFences, PROMPT_TEMPLATE_VERSION, systemPrompt, type Fences } from './prompts.js';
import { cacheKey, type ResponseCache } from './response-cache.js';

/** One question for a model: the prompt (built around fresh fences), what it is shown, and what else keys its cache entry. */
export interface ModelQuestion {
  prompt: (fences: Fences) => string;
  images: ScaledFile[];
  video?: string;
  keyParts: Record<string, unknown>;
}

export interface AskSettings {
  client: ModelClient;
  cache: ResponseCache | undefined;
  temperature: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parseAnswer<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
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

async function responseCacheKey(settings: AskSettings, operation: ModelCallRecord['operation'], question: ModelQuestion): Promise<string> {
  return cacheKey({
    operation,
    provider: settings.client.provider,
    model: settings.client.model,
    template: PROMPT_TEMPLATE_VERSION,
    temperature: settings.temperature,
    images: await Promise.all(question.images.map((i) => fileHash(i.path))),
    video: question.video ? await fileHash(question.video) : null,
    ...question.keyParts,
  });
}

async function modelRequest(settings: AskSettings, operation: ModelCallRecord['operation'], question: ModelQuestion, schema: z.ZodType, ctx: CallContext): Promise<ModelRequest> {
  const fences = newFences();
  return {
    system: systemPrompt(fences),
    prompt: question.prompt(fences),
    images: question.images.map((i) => ({ path: i.path, mimeType: 'image/jpeg' })),
    ...(question.video && { video: { path: question.video, mimeType: question.video.endsWith('.webm') ? 'video/webm' : 'video/mp4' } }),
    schema: jsonSchemaOf(schema),
    schemaName: `vaider_${operation}`,
    temperature: settings.temperature,
    signal: ctx.signal,
  };
}

type CallOutcome = Pick<ModelCallRecord, 'response' | 'latencyMs' | 'inputTokens' | 'outputTokens' | 'cached'>;

/**
 * Asks a model for JSON that `schema` accepts: answered from the cache when the same question was
 * asked before, else asked with one retry on an invalid answer, then MODEL_OUTPUT_INVALID. Every
 * exchange, cached or not, goes to ctx.onModelCall for the interactions log.
 */
export async function askModel<T>(
  settings: AskSettings,
  operation: ModelCallRecord['operation'],
  schema: z.ZodType<T>,
  question: ModelQuestion,
  ctx: CallContext,
): Promise<T> {
  const { client, cache } = settings;
  const key = await responseCacheKey(settings, operation, question);
  const request = await modelRequest(settings, operation, question, schema, ctx);
  const bytesSent = question.images.reduce((sum, i) => sum + i.bytes, 0) + (question.video ? (await stat(question.video)).size : 0);
  const record = (outcome: CallOutcome) =>
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
        temperature: settings.temperature,
      },
      imageCount: request.images.length,
      bytesSent: outcome.cached ? 0 : bytesSent,
      estimatedCostUsd: estimatedCostUsd(client.provider, client.model, outcome.inputTokens, outcome.outputTokens),
      ...outcome,
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
