import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/load-config.js';
import { VaiderError } from '../../base/errors.js';
import { IMAGE_EXTENSIONS, mediaKindOf, VIDEO_EXTENSIONS, type MediaKind } from '../../media/media-kind.js';
import { sniffContainer } from '../../media/sniff-container.js';
import { resolveInsideRoots } from '../../base/allowed-roots.js';

export interface ResolvedInput {
  /** Real path, inside the allowed roots. */
  path: string;
  kind: MediaKind;
}

/**
 * Checks that can be made before any decoding, in the order a person would want to hear them.
 * A relative path is relative to the project root (the rules file's folder), whoever asks.
 */
export async function resolveInput(file: string, config: Pick<ResolvedConfig, 'projectRoot' | 'allowedRoots'>): Promise<ResolvedInput> {
  if (!file) throw new VaiderError('BAD_ARGUMENT', 'No input file was given.');
  const real = await resolveInsideRoots(path.resolve(config.projectRoot, file), config.allowedRoots);
  let info;
  try {
    info = await stat(real);
  } catch {
    throw new VaiderError('INPUT_NOT_FOUND', `${file} does not exist.`, { path: file });
  }
  if (info.isDirectory()) {
    throw new VaiderError('INPUT_IS_DIRECTORY', `${file} is a directory; give a video or screenshot file.`, { path: file });
  }
  const kind = mediaKindOf(real);
  if (!kind) {
    throw new VaiderError(
      'INPUT_NOT_MEDIA',
      `${file} is not a supported type; expected a video (${VIDEO_EXTENSIONS.join(' ')}) or an image (${IMAGE_EXTENSIONS.join(' ')}).`,
      { path: file },
    );
  }
  return { path: real, kind };
}

/**
 * Content checks, made after the interactions folder exists so the failure is recorded there: an
 * empty file, or one whose first bytes are no video or image container at all.
 */
export async function assertLooksLikeMedia(input: ResolvedInput): Promise<void> {
  if ((await stat(input.path)).size === 0) {
    throw new VaiderError('INPUT_EMPTY', `${input.path} is empty (0 bytes).`, { path: input.path });
  }
  const sniffed = await sniffContainer(input.path);
  if (!sniffed) {
    throw new VaiderError('INPUT_NOT_MEDIA', `${input.path} does not start like any video or image file; is it really a ${input.kind}?`, {
      path: input.path,
    });
  }
}
