import { rulesJsonSchema } from '../config/json-schema.js';
import type { CommandOutcome } from './analyze-command.js';
import { printJson } from './output.js';

/** `vaider schema` prints the JSON Schema of VaiderRules.json (npm run schema writes it to rules/). */
export function schemaCommand(): CommandOutcome {
  printJson(rulesJsonSchema());
  return { exitCode: 0, json: true };
}
