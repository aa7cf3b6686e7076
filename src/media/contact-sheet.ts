import sharp from 'sharp';

export interface SheetEntry {
  path: string;
  label: string;
  /** Evidence of a failed expectation: framed and labelled in red. */
  failing?: boolean;
}

const TILE_WIDTH = 320;
const COLUMNS = 4;
const LABEL_HEIGHT = 28;
const GAP = 8;
const FRAME = 4;
const FAIL_RED = '#d93025';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * All keyframes on one sheet for a person's first look: a grid of four columns, read left to right and
 * down (24 keyframes make a sheet 1,320 px wide in 6 rows, not a 6,300 px strip), each labelled with its number and time,
 * and the evidence of failed expectations framed in red.
 */
export async function writeContactSheet(entries: SheetEntry[], out: string): Promise<void> {
  if (entries.length === 0) return;
  const tiles = await Promise.all(entries.map((e) => sharp(e.path).resize({ width: TILE_WIDTH }).png().toBuffer({ resolveWithObject: true })));
  const tileHeight = Math.max(...tiles.map((t) => t.info.height));
  const columns = Math.min(COLUMNS, entries.length);
  const rows = Math.ceil(entries.length / columns);
  const cellWidth = TILE_WIDTH + GAP;
  const cellHeight = tileHeight + LABEL_HEIGHT + GAP;
  const width = GAP + columns * cellWidth;
  const height = GAP + rows * cellHeight;
  const at = (i: number) => ({ left: GAP + (i % columns) * cellWidth, top: GAP + Math.floor(i / columns) * cellHeight });
  const marks = entries
    .map((e, i) => {
      const { left, top } = at(i);
      const frame = e.failing
        ? `<rect x="${left - FRAME / 2}" y="${top - FRAME / 2}" width="${TILE_WIDTH + FRAME}" height="${tileHeight + FRAME}" fill="none" stroke="${FAIL_RED}" stroke-width="${FRAME}"/>`
        : '';
      const label = `${escapeXml(e.label)}${e.failing ? ' · FAIL' : ''}`;
      return `${frame}<text x="${left + TILE_WIDTH / 2}" y="${top + tileHeight + 20}" font-family="DejaVu Sans, sans-serif" font-size="16" fill="${e.failing ? FAIL_RED : '#e8eaed'}" text-anchor="middle">${label}</text>`;
    })
    .join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${marks}</svg>`);
  await sharp({ create: { width, height, channels: 3, background: '#202124' } })
    .composite([...tiles.map((t, i) => ({ input: t.data, ...at(i) })), { input: svg, left: 0, top: 0 }])
    .png()
    .toFile(out);
}
