import sharp from 'sharp';

export interface Embedding {
  /** 64-bit difference hash as 16 hex digits: Hamming distance compares screens. */
  dhash: string;
  /** 8×8 greyscale thumbnail, 0..1, for cosine or L2 comparison. */
  vector: number[];
}

/** dHash (a 9×8 greyscale gradient sign map) plus the 8×8 thumbnail itself. */
export async function perceptualEmbedding(image: string | Buffer): Promise<Embedding> {
  const gradient = await sharp(image).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  let bits = 0n;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      bits = (bits << 1n) | (gradient[y * 9 + x]! > gradient[y * 9 + x + 1]! ? 1n : 0n);
    }
  }
  const small = await sharp(image).greyscale().resize(8, 8, { fit: 'fill' }).raw().toBuffer();
  return { dhash: bits.toString(16).padStart(16, '0'), vector: [...small].map((v) => v / 255) };
}

/** Differing bits between two dHashes: 0 is the same picture, above ~10 a different screen. */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}
