import sharp from 'sharp';

export interface SheetEntry {
  path: string;
  label: string;
}

const TILE_WIDTH = 256;
const LABEL_HEIGHT = 28;
const GAP = 8;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One filmstrip image of all keyframes, each labelled with its timestamp, for a person's first look. */
export async function writeContactSheet(entries: SheetEntry[], out: string): Promise<void> {
  if (entries.length === 0) return;
  const tiles = await Promise.all(
    entries.map((e) => sharp(e.path).resize({ width: TILE_WIDTH }).png().toBuffer({ resolveWithObject: true })),
  );
  const tileHeight = Math.max(...tiles.map((t) => t.info.height));
  const width = GAP + entries.length * (TILE_WIDTH + GAP);
  const height = GAP + tileHeight + LABEL_HEIGHT + GAP;
  const labels = entries
    .map((e, i) => {
      const x = GAP + i * (TILE_WIDTH + GAP) + TILE_WIDTH / 2;
      return `<text x="${x}" y="${GAP + tileHeight + 20}" font-family="DejaVu Sans, sans-serif" font-size="16" fill="#e8eaed" text-anchor="middle">${escapeXml(e.label)}</text>`;
    })
    .join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${labels}</svg>`);
  await sharp({ create: { width, height, channels: 3, background: '#202124' } })
    .composite([
      ...tiles.map((t, i) => ({ input: t.data, left: GAP + i * (TILE_WIDTH + GAP), top: GAP })),
      { input: svg, left: 0, top: 0 },
    ])
    .png()
    .toFile(out);
}
