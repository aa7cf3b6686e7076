import type { ResolvedConfig } from '../config/load-config.js';
import type { ProviderId } from '../config/schema.js';
import type { SamplingFunction } from '../vision/model/sampling-client.js';
import type { VisionProvider } from '../vision/types.js';

/** What every use case is given: the resolved config and the long-lived providers. */
export interface UseCaseContext {
  config: ResolvedConfig;
  /**
   * The provider a request names, or without one the project's (see `chosenProvider`). `sampling` is
   * the calling MCP session's sampling, for the `sampling` provider.
   */
  providerFor(id?: ProviderId, sampling?: SamplingFunction): VisionProvider;
}

/** The one place the default provider is decided: the request's, else VaiderRules' `vision.provider`. */
export function chosenProvider(config: Pick<ResolvedConfig, 'rules'>, requested?: ProviderId): ProviderId {
  return requested ?? config.rules.vision.provider;
}
