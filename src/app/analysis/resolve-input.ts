import path from 'node:path';
import type { ResolvedConfig } from '../../config/load-config.js';
import { VaiderError } from '../../base/errors.js';
import { IMAGE_EXTENSIONS, mediaKindOf, VIDEO_EXTENSIONS, type MediaKind } from '../../media/media-kind.js';
import { SIGNATURE_BYTES, sniffContainer } from '../../media/sniff-container.js';
import { resolveInsideRoots } from '../../base/allowed-roots.js';
import { lstatRegularFile, openRegularFile } from '../../base/regular-file.js';

export interface ResolvedInput {
  /** Real path, inside the allowed roots. */
  path: string;
  kind: MediaKind;
}

/**
 * Checks that can be made before any decoding, in the order a person would want to hear them.
 * A relative path is relative to the project root (the rules file's folder), whoever asks. Only a
 * regular file gets through: a named pipe or a device is refused without being opened.
 */
export async function resolveInput(file: string, config: Pick<ResolvedConfig, 'projectRoot' | 'allowedRoots'>): Promise<ResolvedInput> {
  if (!file) throw new VaiderError('BAD_ARGUMENT', 'No input file was given.');
  const real = await resolveInsideRoots(path.resolve(config.projectRoot, file), config.allowedRoots);
  await lstatRegularFile(real, file);
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

async function readHead(file: string): Promise<{ size: number; head: Buffer }> {
  const handle = await openRegularFile(file);
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(SIGNATURE_BYTES);
    const { bytesRead } = await handle.read(head, 0, SIGNATURE_BYTES, 0);
    return { size, head: head.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/**
 * Content checks, made after the interactions folder exists so the failure is recorded there: an
 * empty file, one too short to be any video or image (a recording cut off at once), or one whose
 * first bytes are no video or image container at all.
 */
export async function assertLooksLikeMedia(input: ResolvedInput): Promise<void> {
  const { size, head } = await readHead(input.path);
  if (size === 0) {
    throw new VaiderError('INPUT_EMPTY', `${input.path} is empty (0 bytes).`, { path: input.path });
  }
  if (size < SIGNATURE_BYTES) {
    throw new VaiderError('INPUT_CORRUPT', `${input.path} is only ${size} bytes, too short for any ${input.kind}; was it cut off?`, {
      path: input.path,
      size,
    });
  }
  if (!sniffContainer(head)) {
    throw new VaiderError('INPUT_NOT_MEDIA', `${input.path} does not start like any video or image file; is it really a ${input.kind}?`, {
      path: input.path,
    });
  }
}
