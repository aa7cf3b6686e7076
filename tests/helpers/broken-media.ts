import { readFile, writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { makeVideo, type TimedScreen } from './media-fixtures.js';

const RED: TimedScreen[] = [{ screen: { background: 'red' }, start: 0, end: 2 }];

/** An mp4 cut off halfway, before its index (the moov atom at the end): nothing can be read. */
export async function truncatedMp4(file: string, scratch: string): Promise<string> {
  const whole = await readFile(await makeVideo(scratch, RED, { width: 320, height: 240 }));
  await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
  return file;
}

/** An mp4 whose index is intact (faststart) but whose media data is missing: probes fine, decodes nothing. */
export async function mp4WithoutFrames(file: string, scratch: string): Promise<string> {
  const whole = await readFile(await makeVideo(scratch, RED, { width: 320, height: 240, faststart: true }));
  const mdat = whole.indexOf('mdat');
  await writeFile(file, whole.subarray(0, mdat + 8));
  return file;
}

/** A Matroska file whose codec id is one no decoder knows. */
export async function unknownCodecMkv(file: string, scratch: string): Promise<string> {
  const whole = await readFile(await makeVideo(scratch, RED, { width: 320, height: 240 }));
  const id = Buffer.from('V_MPEG4/ISO/AVC');
  const at = whole.indexOf(id);
  if (at < 0) throw new Error('fixture: codec id not found');
  Buffer.from('V_VAIDER/NOPE01').copy(whole, at);
  await writeFile(file, whole);
  return file;
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header claiming 100000 × 100000 pixels. */
export async function absurdPng(file: string): Promise<string> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(301))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  await writeFile(file, png);
  return file;
}
