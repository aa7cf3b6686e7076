import OpenAI, { APIConnectionError, APIError } from 'openai';
import type { ChatCompletion, ChatCompletionContentPart } from 'openai/resources/chat/completions';
import { ModelCallError, type ModelClient, type ModelRequest, type ModelResponse } from '../model-client.js';
import { statusFailure, transportFailure } from './call-failures.js';
import { readMediaFile } from './read-media-file.js';
import { runVendorCall } from './vendor-call.js';
import { CLIENT_CAPABILITIES } from './client-capabilities.js';

export interface OpenAIClientOptions {
  apiKey: string;
  /** Default `gpt-4o-mini`. */
  model?: string;
  /** Any OpenAI-compatible server: vLLM, LM Studio, llama.cpp, OpenRouter. */
  baseURL?: string;
  /** Deadline per call. Default 120 s. */
  timeoutMs?: number;
}

const PROVIDER = 'openai';
const DEFAULT_MODEL = 'gpt-4o-mini';
const DEFAULT_TIMEOUT_MS = 120_000;

export function createOpenAIClient(options: OpenAIClientOptions): ModelClient {
  const model = options.model ?? DEFAULT_MODEL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Retries happen above every client, with one policy for all vendors.
  const openai = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0 });

  async function send(request: ModelRequest, signal: AbortSignal): Promise<ModelResponse> {
    const content: ChatCompletionContentPart[] = [{ type: 'text', text: request.prompt }];
    for (const image of request.images) {
      const bytes = await readMediaFile(PROVIDER, image.path);
      content.push({ type: 'image_url', image_url: { url: `data:${image.mimeType};base64,${bytes.toString('base64')}` } });
    }
    const completion = await openai.chat.completions.create(
      {
        model,
        temperature: request.temperature,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content },
        ],
        // Not strict: strict mode rejects schemas with optional properties, which zod emits freely.
        response_format: { type: 'json_schema', json_schema: { name: request.schemaName, schema: request.schema, strict: false } },
      },
      { signal },
    );
    return { text: answerText(completion), model: completion.model || model, usage: usageOf(completion) };
  }

  return {
    provider: PROVIDER,
    model,
    capabilities: CLIENT_CAPABILITIES.openai,
    complete(request) {
      return runVendorCall(
        { provider: PROVIDER, timeoutMs, signal: request.signal, secret: options.apiKey },
        (signal) => send(request, signal),
        classifyOpenAIFailure,
      );
    },
  };
}

/** The raw answer, malformed or not: validation happens above. A refusal has no answer to validate. */
function answerText(completion: ChatCompletion): string {
  const message = completion.choices[0]?.message;
  if (message?.refusal) throw new ModelCallError(`${PROVIDER} refused: ${message.refusal}`, PROVIDER, false);
  return message?.content ?? '';
}

/** OpenAI-compatible servers do not all report usage. */
function usageOf(completion: ChatCompletion): ModelResponse['usage'] {
  return { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 };
}

function classifyOpenAIFailure(error: unknown): ModelCallError {
  if (error instanceof APIConnectionError) {
    return new ModelCallError(`${PROVIDER} connection failed: ${error.message}`, PROVIDER, true, undefined, { cause: error });
  }
  if (error instanceof APIError && error.status !== undefined) {
    // The SDK's message starts with the status, which statusFailure already says.
    return statusFailure(PROVIDER, error.status, error.message.replace(/^\d{3} /, ''), error);
  }
  return transportFailure(PROVIDER, error);
}
