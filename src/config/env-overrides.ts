import path from 'node:path';
import { VaiderError } from '../base/errors.js';
import { configLeaves, type ConfigLeaf } from './json-schema.js';

/** `keyframes.max` is set by `VAIDER_KEYFRAMES_MAX`. */
export function envVarName(leafPath: readonly string[]): string {
  return `VAIDER_${leafPath.join('_').toUpperCase()}`;
}

function parseValue(leaf: ConfigLeaf, name: string, raw: string): unknown {
  switch (leaf.type) {
    case 'number':
    case 'integer': {
      const value = Number(raw);
      if (raw.trim() === '' || Number.isNaN(value)) {
        throw new VaiderError('CONFIG_INVALID', `${name}: expected a number, got "${raw}".`, { variable: name });
      }
      return value;
    }
    case 'boolean':
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new VaiderError('CONFIG_INVALID', `${name}: expected true or false, got "${raw}".`, { variable: name });
    case 'array':
      // A JSON array for anything with separators in it (a command line); otherwise lists of paths
      // use the platform's PATH separator, as PATH itself does.
      if (raw.trim().startsWith('[')) {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          throw new VaiderError('CONFIG_INVALID', `${name}: not a valid JSON array.`, { variable: name });
        }
      }
      return raw.split(path.delimiter).filter(Boolean);
    default:
      return raw;
  }
}

/** The `VAIDER_*` layer of the configuration, as a partial rules object, plus where each value came from. */
export function envOverrides(env: NodeJS.ProcessEnv): { values: Record<string, unknown>; sources: Map<string, string> } {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const leaf of configLeaves()) {
    const name = envVarName(leaf.path);
    const raw = env[name];
    if (raw === undefined) continue;
    let target = values;
    for (const key of leaf.path.slice(0, -1)) {
      target = (target[key] ??= {}) as Record<string, unknown>;
    }
    target[leaf.path.at(-1)!] = parseValue(leaf, name, raw);
    sources.set(leaf.path.join('.'), name);
  }
  return { values, sources };
}
