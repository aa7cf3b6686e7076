import { readFile } from 'node:fs/promises';
import { ModelCallError } from '../model-client.js';

/** The bytes of an image or video to send; a file that cannot be read fails the call, not the process. */
export async function readMediaFile(provider: string, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelCallError(`${provider}: cannot read ${file}: ${reason}`, provider, false, undefined, { cause: error });
  }
}
