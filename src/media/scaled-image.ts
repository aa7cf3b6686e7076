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
