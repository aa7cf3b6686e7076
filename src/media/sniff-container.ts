import { open } from 'node:fs/promises';
import type { MediaKind } from './media-kind.js';

const MP4_BOXES = ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip', 'pnot'];

/**
 * What the first bytes say the file is. ffmpeg picks its demuxer by extension, so a text file named
 * `.mp4` is reported as an mp4 with a missing index, the same words as a truncated recording; the
 * signature tells the two apart.
 */
export async function sniffContainer(file: string): Promise<MediaKind | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    const bytes = head.subarray(0, bytesRead);
    const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
    if (bytes.readUInt32BE(0) === 0x89504e47 || (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) return 'image';
    if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image';
    if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x1a45dfa3) return 'video'; // Matroska / WebM (EBML)
    if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'video';
    if (MP4_BOXES.includes(ascii(4, 8))) return 'video';
    return undefined;
  } finally {
    await handle.close();
  }
}
