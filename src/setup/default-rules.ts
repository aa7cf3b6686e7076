import { vaiderRulesSchema, type VaiderRules, type VaiderRulesInput } from '../config/schema.js';

/** The rules with nothing configured but `fields`: what a VaiderRules.json holding only them resolves to. */
export function defaultRules(fields: VaiderRulesInput = {}): VaiderRules {
  return vaiderRulesSchema.parse(fields);
}
