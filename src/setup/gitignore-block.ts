import path from 'node:path';
import type { VaiderRules } from '../config/schema.js';
import { RULES_SCHEMA_COPY } from './starter-rules-file.js';

/** A path relative to the project, with forward slashes; undefined when it lies outside the project. */
function insideProject(relative: string): string | undefined {
  const normal = path.posix.normalize(relative.split(path.sep).join('/')).replace(/\/+$/, '');
  return path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../') || normal === '.' ? undefined : normal;
}

/**
 * The .gitignore lines for Vaider's machine-local store (runs, watch jobs, caches, flow-run videos, the
 * owner lock), keeping what is meant to be shared: the baselines and the rules schema. Undefined when
 * the store lies outside the project, where git does not look.
 */
export function gitignoreBlock(rules: Readonly<VaiderRules>): string | undefined {
  const store = insideProject(rules.store_dir);
  if (!store) return undefined;
  const lines = ["# Vaider's records of this machine: runs, watch jobs, caches, flow-run videos", `/${store}/*`];
  const shared = [insideProject(rules.baselines_dir), RULES_SCHEMA_COPY].filter((p): p is string => p !== undefined && p.startsWith(`${store}/`));
  for (const kept of shared) lines.push(`!/${kept}`);
  return lines.join('\n');
}
