import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { VaiderError } from '../errors.js';

function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The real path of `file` (symlinks resolved, so a link cannot lead out), or PATH_OUTSIDE_ROOTS.
 * `roots` must already be real paths.
 */
export async function resolveInsideRoots(file: string, roots: readonly string[]): Promise<string> {
  const real = await realpath(file);
  if (!roots.some((root) => isInside(real, root))) {
    throw new VaiderError(
      'PATH_OUTSIDE_ROOTS',
      `${file} is outside the allowed roots (${roots.join(', ')}); add its folder to allowed_roots in VaiderRules.json or pass --root.`,
      { path: file, roots },
    );
  }
  return real;
}
