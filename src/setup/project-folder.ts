import { realpath, stat } from 'node:fs/promises';
import { VaiderError } from '../base/errors.js';

/** The real path of the folder to set up; init creates files in it, never the folder itself. */
export async function projectFolder(dir: string): Promise<string> {
  try {
    const real = await realpath(dir);
    if ((await stat(real)).isDirectory()) return real;
  } catch {
    // Reported below, the same way as a file given where a folder was expected.
  }
  throw new VaiderError('BAD_ARGUMENT', `--dir ${dir} is not an existing folder.`, { dir });
}
