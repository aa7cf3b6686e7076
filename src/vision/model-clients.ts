import type { ModelProviderId, VaiderRules } from '../config/schema.js';
import { createGeminiClient } from './model/clients/gemini-client.js';
import { createOllamaClient } from './model/clients/ollama-client.js';
import { createOpenAIClient } from './model/clients/openai-client.js';
import { ModelCallError, type ModelClient } from './model/model-client.js';

type ClientFactory = (rules: Readonly<VaiderRules>, env: NodeJS.ProcessEnv, timeoutMs: number) => ModelClient;

/**
 * A client that cannot be made (no API key) still exists, and fails every call without retry, so a
 * configured fallback answers instead and the message says what to set.
 */
function unavailable(provider: string, model: string, message: string): ModelClient {
  return {
    provider,
    model,
    capabilities: { nativeVideo: false, structuredOutput: true, maxImages: 1, maxImageSide: 512 },
    unavailable: message,
    complete: () => Promise.reject(new ModelCallError(message, provider, false)),
  };
}

/** Every model provider id in the config schema must have a client factory here, or the build fails. */
export const MODEL_CLIENTS = {
  gemini(rules, env, timeoutMs) {
    const { model, base_url } = rules.vision.gemini;
    const apiKey = env.GEMINI_API_KEY || env.GOOGLE_API_KEY;
    if (!apiKey) return unavailable('gemini', model, 'gemini needs an API key: set GEMINI_API_KEY (or GOOGLE_API_KEY).');
    return createGeminiClient({ apiKey, model, baseUrl: base_url, timeoutMs });
  },
  openai(rules, env, timeoutMs) {
    const { model, base_url } = rules.vision.openai;
    const baseURL = base_url ?? env.OPENAI_BASE_URL;
    // Local OpenAI-compatible servers (vLLM, LM Studio, llama.cpp) take any key.
    const apiKey = env.OPENAI_API_KEY || (baseURL ? 'not-needed' : undefined);
    if (!apiKey) return unavailable('openai', model, 'openai needs an API key: set OPENAI_API_KEY, or vision.openai.base_url for a local server.');
    return createOpenAIClient({ apiKey, model, baseURL, timeoutMs });
  },
  ollama(rules, env, timeoutMs) {
    const { model, host } = rules.vision.ollama;
    return createOllamaClient({ host: host ?? env.OLLAMA_HOST, model, timeoutMs });
  },
} satisfies Record<ModelProviderId, ClientFactory>;
