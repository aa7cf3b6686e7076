import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VaiderError } from '../base/errors.js';
import { resolveInsideRoots } from '../base/allowed-roots.js';

/**
 * The current text of `file` (relative to `realDir`), or undefined when it does not exist. A symlink
 * that leads out of the folder is refused: init writes only inside the folder it was given.
 */
export async function readTarget(realDir: string, file: string): Promise<string | undefined> {
  const absolute = path.join(realDir, file);
  try {
    await resolveInsideRoots(absolute, [realDir]);
  } catch (error) {
    if (!(error instanceof VaiderError)) throw error;
    throw new VaiderError('PATH_OUTSIDE_ROOTS', `${file} leads outside ${realDir} through a symlink; vaider init writes only inside it.`, {
      path: absolute,
    });
  }
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new VaiderError('CONFIG_INVALID', `${file}: cannot be read (${code ?? (error as Error).message}).`, { file: absolute });
  }
}
