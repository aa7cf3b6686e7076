import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { VaiderError } from './errors.js';

/** Whether `child` is `root` or lies under it (paths compared as given; resolve them first). */
export function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The real path of `file`, or of its nearest existing folder plus the rest, for paths that do not exist yet. */
async function realpathOfNearest(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(await realpathOfNearest(parent), path.basename(absolute));
  }
}

/**
 * The real path of `file` (symlinks resolved, so a link cannot lead out), or PATH_OUTSIDE_ROOTS.
 * Checked before anything else, so a caller cannot even learn whether a file outside the roots exists.
 * `roots` must already be real paths.
 */
export async function resolveInsideRoots(file: string, roots: readonly string[]): Promise<string> {
  const real = await realpathOfNearest(file);
  if (!roots.some((root) => isInside(real, root))) {
    throw new VaiderError(
      'PATH_OUTSIDE_ROOTS',
      `${file} is outside the allowed roots (${roots.join(', ')}); add its folder to allowed_roots in VaiderRules.json or pass --root.`,
      { path: file, roots },
    );
  }
  return real;
}
