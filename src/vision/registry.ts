import type { ResolvedConfig } from '../config/load-config.js';
import type { ModelProviderId, ProviderId } from '../config/schema.js';
import { createEscalatingProvider } from './escalating-provider.js';
import { createFallbackProvider } from './fallback-provider.js';
import { MODEL_CLIENTS } from './model-clients.js';
import { createModelVisionProvider } from './model/model-vision-provider.js';
import { createSamplingClient, type SamplingFunction } from './model/sampling-client.js';
import { openResponseCache } from './model/response-cache.js';
import { DEFAULT_RESILIENCE, ResilientClient } from './model/resilient-client.js';
import { createLocalProvider } from './providers/local/local-provider.js';
import type { VisionProvider } from './types.js';

/** Videos up to this long go whole to a model that takes video (Gemini's file upload). */
const MAX_NATIVE_VIDEO_SECONDS = 60;

export interface ProviderRegistry {
  /**
   * The provider `id` stands for, with its fallback chain and the cost ladder applied. `sampling`
   * needs the calling MCP session's sampling function; without one it is skipped in the chain.
   */
  get(id: ProviderId, sampling?: SamplingFunction): VisionProvider;
  close(): Promise<void>;
}

/**
 * Builds providers on demand and keeps them for the life of the front end: one local provider (its
 * OCR workers) shared by every chain, one resilient client (and circuit breaker) per model provider.
 */
export function createProviderRegistry(config: ResolvedConfig, storeDir: () => Promise<string>, env: NodeJS.ProcessEnv = process.env): ProviderRegistry {
  const { rules } = config;
  const local = createLocalProvider(rules.vision.local);
  const cache = rules.vision.cache ? openResponseCache(storeDir) : undefined;
  const models = new Map<ModelProviderId, VisionProvider>();
  const chains = new Map<ProviderId, VisionProvider>();

  const modelProvider = (id: ModelProviderId): VisionProvider => {
    let provider = models.get(id);
    if (!provider) {
      const timeoutMs = (rules.vision[id].timeout_seconds ?? rules.analysis_timeout_seconds) * 1000;
      const client = new ResilientClient(MODEL_CLIENTS[id](rules, env, timeoutMs), {
        ...DEFAULT_RESILIENCE,
        timeoutMs,
        maxRetries: rules.max_error_retries,
      });
      const model = createModelVisionProvider({ id, client, local, cache, temperature: rules.vision.temperature, maxNativeVideoSeconds: MAX_NATIVE_VIDEO_SECONDS });
      provider = createEscalatingProvider(local, model, rules.vision.escalation);
      models.set(id, provider);
    }
    return provider;
  };
  /** A provider on the session's sampling: made per call, since the session is the caller's. */
  const samplingProvider = (sampling: SamplingFunction) => {
    const client = new ResilientClient(createSamplingClient(sampling), {
      ...DEFAULT_RESILIENCE,
      timeoutMs: rules.analysis_timeout_seconds * 1000,
      maxRetries: 0,
    });
    const model = createModelVisionProvider({ id: 'sampling', client, local, cache, temperature: rules.vision.temperature, maxNativeVideoSeconds: 0 });
    return createEscalatingProvider(local, model, rules.vision.escalation);
  };
  const single = (id: ProviderId, sampling: SamplingFunction | undefined): VisionProvider[] => {
    if (id === 'local') return [local];
    if (id === 'sampling') return sampling ? [samplingProvider(sampling)] : [];
    return [modelProvider(id)];
  };
  const chainOf = (id: ProviderId, sampling: SamplingFunction | undefined) =>
    createFallbackProvider([...new Set<ProviderId>([id, ...rules.vision.fallback, 'local'])].flatMap((p) => single(p, sampling)));

  return {
    get(id, sampling) {
      if (sampling) return chainOf(id, sampling);
      let chain = chains.get(id);
      if (!chain) {
        chain = chainOf(id, undefined);
        chains.set(id, chain);
      }
      return chain;
    },
    async close() {
      await local.close();
    },
  };
}
