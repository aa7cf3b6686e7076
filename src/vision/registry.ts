import type { ProviderId, VaiderRules } from '../config/schema.js';
import { createLocalProvider } from './providers/local/local-provider.js';
import type { VisionProvider } from './types.js';

type ProviderFactory = (rules: Readonly<VaiderRules>) => VisionProvider;

/** Every provider id in the config schema must have a factory here, or the build fails. */
const FACTORIES = {
  local: (rules) => createLocalProvider(rules.vision.local),
} satisfies Record<ProviderId, ProviderFactory>;

export function createProvider(id: ProviderId, rules: Readonly<VaiderRules>): VisionProvider {
  return FACTORIES[id](rules);
}
