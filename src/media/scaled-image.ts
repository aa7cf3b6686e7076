import sharp from 'sharp';

export interface ScaledImage {
  /** Base64 of the encoded image. */
  data: string;
  mimeType: 'image/jpeg';
  width: number;
  height: number;
}

/** A copy no wider than `width`, as JPEG: what an agent that looks at keyframes needs, at a fraction of the tokens. */
export async function scaledImage(file: string, width: number): Promise<ScaledImage> {
  const { data, info } = await sharp(file)
    .resize({ width, withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { data: data.toString('base64'), mimeType: 'image/jpeg', width: info.width, height: info.height };
}

export interface ScaledFile {
  path: string;
  bytes: number;
  /** Multiply a box in the scaled image by this to get original pixels. */
  scale: number;
  width: number;
  height: number;
}

/**
 * A JPEG copy no larger than `maxSide` beside the original (`<name>.<maxSide>.jpg`), made once: what
 * a model is sent, so requests stay small and logs can name the exact file.
 */
export async function scaledImageFile(file: string, maxSide: number): Promise<ScaledFile> {
  const out = file.replace(/\.[a-z]+$/i, '') + `.${maxSide}.jpg`;
  const meta = await sharp(file).metadata();
  const longest = Math.max(meta.width ?? 1, meta.height ?? 1);
  const info = await sharp(file)
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85 })
    .toFile(out);
  return { path: out, bytes: info.size, scale: longest > maxSide ? longest / maxSide : 1, width: info.width, height: info.height };
}
