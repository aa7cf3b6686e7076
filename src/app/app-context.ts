import type { ResolvedConfig } from '../config/load-config.js';
import type { ProviderId } from '../config/schema.js';
import type { VisionProvider } from '../vision/types.js';

/** What application operations share: the resolved config and the long-lived providers. */
export interface AppContext {
  config: ResolvedConfig;
  providerFor(id: ProviderId): VisionProvider;
}
