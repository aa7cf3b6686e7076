import { readFile } from 'node:fs/promises';
import type { CreateMessageRequestParamsBase } from '@modelcontextprotocol/sdk/types.js';
import type { ModelClient, ModelRequest, ModelResponse } from './model-client.js';

/** One MCP sampling request, in the protocol's own shape: what the calling client's model is asked. */
export type SamplingRequest = Pick<CreateMessageRequestParamsBase, 'systemPrompt' | 'messages' | 'temperature' | 'maxTokens'> & { signal?: AbortSignal };

export type SamplingFunction = (request: SamplingRequest) => Promise<{ text: string; model: string }>;

/**
 * The MCP client's own model as a ModelClient, through sampling/createMessage: no API key at all.
 * Sampling has no schema parameter, so the schema travels in the prompt and the answer is validated
 * above like any other; images go as image messages before the text.
 */
export function createSamplingClient(sample: SamplingFunction): ModelClient {
  return {
    provider: 'sampling',
    model: 'client model',
    capabilities: { nativeVideo: false, structuredOutput: false, maxImages: 6, maxImageSide: 1024 },
    async complete(request: ModelRequest): Promise<ModelResponse> {
      const images = await Promise.all(
        request.images.map(async (image) => ({
          role: 'user' as const,
          content: { type: 'image' as const, data: (await readFile(image.path)).toString('base64'), mimeType: image.mimeType },
        })),
      );
      const text = `${request.prompt}\n\nAnswer with JSON only, matching this JSON Schema:\n${JSON.stringify(request.schema)}`;
      const answer = await sample({
        systemPrompt: request.system,
        messages: [...images, { role: 'user', content: { type: 'text', text } }],
        temperature: request.temperature,
        maxTokens: 2000,
        signal: request.signal,
      });
      // Clients often wrap JSON in a code fence; the fence is not part of the answer.
      const json = answer.text.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, '');
      return { text: json, model: answer.model, usage: { inputTokens: 0, outputTokens: 0 } };
    },
  };
}
