import path from 'node:path';

export const VIDEO_EXTENSIONS = ['.mp4', '.webm', '.mov', '.mkv', '.m4v', '.avi'] as const;
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

export type MediaKind = 'video' | 'image';

/** The kind a file claims by its name; its content is checked when it is probed. */
export function mediaKindOf(file: string): MediaKind | undefined {
  const ext = path.extname(file).toLowerCase();
  if ((VIDEO_EXTENSIONS as readonly string[]).includes(ext)) return 'video';
  if ((IMAGE_EXTENSIONS as readonly string[]).includes(ext)) return 'image';
  return undefined;
}
