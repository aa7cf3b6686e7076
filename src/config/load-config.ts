import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { VaiderError } from '../base/errors.js';
import { envOverrides } from './env-overrides.js';
import { vaiderRulesSchema, type VaiderRules, type VaiderRulesInput } from './schema.js';

export const RULES_FILE_NAME = 'VaiderRules.json';

export interface ResolvedConfig {
  readonly rules: Readonly<VaiderRules>;
  /** The rules file that was read, if any. */
  readonly rulesPath: string | undefined;
  /** The folder of the rules file, or the working folder when there is none. */
  readonly projectRoot: string;
  /** `allowed_roots`, absolute and with symlinks resolved. */
  readonly allowedRoots: readonly string[];
}

export interface LoadConfigOptions {
  cwd?: string;
  /** An explicit rules file; otherwise VaiderRules.json is looked for from cwd upwards. */
  rulesPath?: string;
  env?: NodeJS.ProcessEnv;
  /** The last layer: command-line flags or tool arguments. */
  overrides?: VaiderRulesInput;
}

type Layer = Record<string, unknown>;

function findRulesFile(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, RULES_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readRulesFile(file: string): Layer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VaiderError('CONFIG_INVALID', `${file}: cannot be read (${(error as Error).message}).`, { file });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the top level must be an object');
    }
    return parsed as Layer;
  } catch (error) {
    throw new VaiderError('CONFIG_INVALID', `${file}: not valid JSON (${(error as Error).message}).`, { file });
  }
}

function isPlainObject(value: unknown): value is Layer {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: Layer, over: Layer): Layer {
  const merged: Layer = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (at ? `${at}.${k}` : k));
    return `unknown key ${keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `"${at || '(top level)'}": ${issue.message.replace(/^Invalid input: /, '')}`;
}

function validate(layer: Layer, source: (issuePath: string) => string): VaiderRules {
  const result = vaiderRulesSchema.safeParse(layer);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = source(issue.path.join('.'));
  throw new VaiderError('CONFIG_INVALID', `${where}: ${describeIssue(issue)}.`, {
    source: where,
    issues: result.error.issues.map(describeIssue),
  });
}

function resolveRoots(roots: readonly string[], base: string): string[] {
  return roots.map((root) => {
    const absolute = path.resolve(base, root);
    try {
      return realpathSync(absolute);
    } catch {
      throw new VaiderError('CONFIG_INVALID', `allowed_roots: ${absolute} does not exist.`, { root: absolute });
    }
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Defaults → VaiderRules.json → `VAIDER_*` environment → overrides (flags). Each layer is validated so an error names its source. */
export function loadConfig(options: LoadConfigOptions = {}): ResolvedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const explicit = options.rulesPath ?? env.VAIDER_RULES;
  const rulesPath = explicit ? path.resolve(cwd, explicit) : findRulesFile(cwd);
  if (explicit && rulesPath && !existsSync(rulesPath)) {
    throw new VaiderError('CONFIG_INVALID', `${rulesPath}: rules file not found.`, { file: rulesPath });
  }

  const fileLayer = rulesPath ? readRulesFile(rulesPath) : {};
  validate(fileLayer, () => rulesPath ?? RULES_FILE_NAME);

  const { values: envLayer, sources } = envOverrides(env);
  const withEnv = deepMerge(fileLayer, envLayer);
  validate(withEnv, (at) => sources.get(at) ?? [...sources.values()].join(', '));

  const rules = validate(deepMerge(withEnv, (options.overrides ?? {}) as Layer), (at) => `option ${at}`);
  const projectRoot = rulesPath ? path.dirname(rulesPath) : cwd;
  return deepFreeze({
    rules,
    rulesPath,
    projectRoot,
    allowedRoots: resolveRoots(rules.allowed_roots, projectRoot),
  });
}
