import type { MediaKind } from './media-kind.js';

const MP4_BOXES = ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip', 'pnot'];

/** Bytes from the start of a file that every signature below fits in; no real video or image is shorter. */
export const SIGNATURE_BYTES = 12;

/**
 * What the first bytes say the file is. ffmpeg picks its demuxer by extension, so a text file named
 * `.mp4` is reported as an mp4 with a missing index, the same words as a truncated recording; the
 * signature tells the two apart. A head shorter than SIGNATURE_BYTES matches nothing.
 */
export function sniffContainer(head: Buffer): MediaKind | undefined {
  if (head.length < SIGNATURE_BYTES) return undefined;
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head.readUInt32BE(0) === 0x89504e47 || (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)) return 'image';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image';
  if (head.readUInt32BE(0) === 0x1a45dfa3) return 'video'; // Matroska / WebM (EBML)
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'video';
  if (MP4_BOXES.includes(ascii(4, 8))) return 'video';
  return undefined;
}
