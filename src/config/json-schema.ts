import { z } from 'zod';
import { vaiderRulesSchema } from './schema.js';

/** The JSON Schema editors use to autocomplete VaiderRules.json (committed as rules/VaiderRules.schema.json). */
export function rulesJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(vaiderRulesSchema, { io: 'input' }),
    title: 'VaiderRules',
  };
}

export interface ConfigLeaf {
  path: string[];
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
}

/** Every settable leaf of the rules, found by walking the JSON Schema rather than zod internals. */
export function configLeaves(): ConfigLeaf[] {
  const leaves: ConfigLeaf[] = [];
  const walk = (node: Record<string, unknown>, at: string[]): void => {
    const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (node.type === 'object' && properties) {
      for (const [key, child] of Object.entries(properties)) {
        if (!key.startsWith('$')) walk(child, [...at, key]);
      }
      return;
    }
    // A nullable field is anyOf [its type, null]; what an environment variable can set is its type.
    const variants = (node.anyOf as Array<Record<string, unknown>> | undefined)?.filter((v) => v.type !== 'null') ?? [node];
    const type = variants[0]?.type;
    if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' || type === 'array') {
      leaves.push({ path: at, type });
    }
  };
  walk(rulesJsonSchema(), []);
  return leaves;
}
