/**
 * A 32-bit view of RGBA bytes, so a pixel is one read and two pixels compare in one test. Copies only if
 * the bytes do not start on a 4-byte boundary (sharp's buffers do). On little-endian machines (every
 * platform Node ships for) R is the low byte of a word.
 */
export function pixelWords(rgba: Uint8Array): Uint32Array {
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : new Uint8Array(rgba);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2);
}
