import type { ModelProviderId, VaiderRules } from '../config/schema.js';
import { CLIENT_CAPABILITIES } from './model/clients/client-capabilities.js';
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

/**
 * A client whose module is imported on its first call: the SDKs (openai, @google/genai with Google's
 * auth library, ollama) cost a start-up half a second of CPU, and most runs never ask a model.
 */
function onFirstCall(provider: ModelProviderId, model: string, load: () => Promise<ModelClient>): ModelClient {
  let client: Promise<ModelClient> | undefined;
  return {
    provider,
    model,
    capabilities: CLIENT_CAPABILITIES[provider],
    complete: async (request) => (await (client ??= load())).complete(request),
  };
}

/** Every model provider id in the config schema must have a client factory here, or the build fails. */
export const MODEL_CLIENTS = {
  gemini(rules, env, timeoutMs) {
    const { model, base_url } = rules.vision.gemini;
    const apiKey = env.GEMINI_API_KEY || env.GOOGLE_API_KEY;
    if (!apiKey) return unavailable('gemini', model, 'gemini needs an API key: set GEMINI_API_KEY (or GOOGLE_API_KEY).');
    return onFirstCall('gemini', model, async () => (await import('./model/clients/gemini-client.js')).createGeminiClient({ apiKey, model, baseUrl: base_url, timeoutMs }));
  },
  openai(rules, env, timeoutMs) {
    const { model, base_url } = rules.vision.openai;
    const baseURL = base_url ?? env.OPENAI_BASE_URL;
    // Local OpenAI-compatible servers (vLLM, LM Studio, llama.cpp) take any key.
    const apiKey = env.OPENAI_API_KEY || (baseURL ? 'not-needed' : undefined);
    if (!apiKey) return unavailable('openai', model, 'openai needs an API key: set OPENAI_API_KEY, or vision.openai.base_url for a local server.');
    return onFirstCall('openai', model, async () => (await import('./model/clients/openai-client.js')).createOpenAIClient({ apiKey, model, baseURL, timeoutMs }));
  },
  ollama(rules, env, timeoutMs) {
    const { model, host } = rules.vision.ollama;
    return onFirstCall('ollama', model, async () => (await import('./model/clients/ollama-client.js')).createOllamaClient({ host: host ?? env.OLLAMA_HOST, model, timeoutMs }));
  },
} satisfies Record<ModelProviderId, ClientFactory>;
