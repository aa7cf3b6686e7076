import type { FilePlan } from './setup-types.js';

/**
 * A file init writes whole. Anything that differs from what we would write is taken as the user's
 * edit and kept until --force, which backs it up first. A file Vaider owns outright (`userEditable`
 * false) is simply brought up to date.
 */
export function planGeneratedFile(
  file: string,
  existing: string | undefined,
  content: string,
  options: { force: boolean; userEditable: boolean },
): FilePlan {
  if (existing === undefined) return { file, action: 'created', content, backup: false };
  if (existing === content) return { file, action: 'unchanged', backup: false };
  if (options.userEditable && !options.force) return { file, action: 'skipped', backup: false };
  return { file, action: 'updated', content, backup: options.userEditable };
}
