import path from 'node:path';
import type { VaiderRules } from '../config/schema.js';
import { RULES_SCHEMA_COPY } from './starter-rules-file.js';

/** A path relative to the project, with forward slashes; undefined when it lies outside the project. */
function insideProject(relative: string): string | undefined {
  const normal = path.posix.normalize(relative.split(path.sep).join('/')).replace(/\/+$/, '');
  return path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../') || normal === '.' ? undefined : normal;
}

/** Where `vaider report` writes its HTML report unless told otherwise: an output, like a build folder. */
export const DEFAULT_REPORT_DIR = 'vaider-report';

/**
 * The .gitignore lines for Vaider's machine-local store (runs, watch jobs, caches, flow-run videos, the
 * owner lock), keeping what is meant to be shared: the baselines and the rules schema; and for the
 * report `vaider report` writes by default. The store's lines are left out when it lies outside the
 * project, where git does not look.
 */
export function gitignoreBlock(rules: Readonly<VaiderRules>): string {
  const lines: string[] = [];
  const store = insideProject(rules.store_dir);
  if (store) {
    lines.push("# Vaider's records of this machine: runs, watch jobs, caches, flow-run videos", `/${store}/*`);
    const shared = [insideProject(rules.baselines_dir), RULES_SCHEMA_COPY].filter((p): p is string => p !== undefined && p.startsWith(`${store}/`));
    for (const kept of shared) lines.push(`!/${kept}`);
  }
  lines.push('# The HTML report of vaider report, rebuilt from the runs', `/${DEFAULT_REPORT_DIR}/`);
  return lines.join('\n');
}
