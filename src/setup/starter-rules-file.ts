import { rulesJsonSchema } from '../config/json-schema.js';
import { defaultRules, type VaiderRules } from '../config/schema.js';
import { jsonText } from '../base/atomic-write.js';

/** Where init keeps its copy of the JSON Schema, so `$schema` resolves without the package installed. */
export const RULES_SCHEMA_COPY = '.vaider/VaiderRules.schema.json';

/** The starter's rules: the defaults, and the port editors are told to use when one was given, so the server listens there. */
export function starterRules(port: number | undefined): VaiderRules {
  return defaultRules(port === undefined ? {} : { server: { port } });
}

/** Every default spelled out, so the file documents what can be tuned; the schema's key order puts the source's fields first. */
export function starterRulesText(port: number | undefined): string {
  return jsonText({ $schema: `./${RULES_SCHEMA_COPY}`, ...starterRules(port) });
}

export function rulesSchemaText(): string {
  return jsonText(rulesJsonSchema());
}
