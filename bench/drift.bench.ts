import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { ssim } from 'ssim.js';
import { classifyPixels } from '../src/drift/classify-pixels.js';
import { meanSsim } from '../src/drift/ssim.js';
import { comparePixels } from '../src/drift/pixel-diff.js';
import { maxDeltaFor } from '../src/drift/yiq-delta.js';
import { medianMs, ms, ratio, workDir } from './bench-utils.js';

const WIDTH = 1920;
const HEIGHT = 1080;
const BANNER = { x: 560, y: 760, width: 800, height: 96 };

/** A 1080p application screen (header, sidebar, form, buttons, anti-aliased text), optionally with an error banner. */
function screenSvg(withBanner: boolean): Buffer {
  const rows = Array.from({ length: 14 }, (_, i) => `<text x="40" y="${190 + i * 52}" font-size="22" fill="#3c4043">Menu item ${i + 1}</text>`);
  const banner = withBanner
    ? `<rect x="${BANNER.x}" y="${BANNER.y}" width="${BANNER.width}" height="${BANNER.height}" fill="#d93025"/>` +
      `<text x="${BANNER.x + 40}" y="${BANNER.y + 60}" font-size="34" fill="white">Invalid password, try again</text>`
    : '';
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="DejaVu Sans">` +
      `<rect width="100%" height="100%" fill="#ffffff"/><rect width="100%" height="96" fill="#202124"/>` +
      `<text x="40" y="62" font-size="36" fill="white">Dashboard</text><rect y="96" width="320" height="984" fill="#f1f3f4"/>` +
      rows.join('') +
      `<text x="560" y="260" font-size="56" fill="#202124">Sign in to continue</text>` +
      `<rect x="560" y="340" width="800" height="64" fill="none" stroke="#9aa0a6" stroke-width="2"/>` +
      `<text x="580" y="382" font-size="28" fill="#333333">alice@example.com</text>` +
      `<rect x="560" y="440" width="800" height="64" fill="none" stroke="#9aa0a6" stroke-width="2"/>` +
      `<text x="580" y="482" font-size="28" fill="#333333">••••••••</text>` +
      `<rect x="560" y="560" width="800" height="80" rx="8" fill="#1a73e8"/>` +
      `<text x="880" y="612" font-size="34" fill="white">Sign In</text>` +
      banner +
      `</svg>`,
  );
}

export async function writeScreens(): Promise<{ baseline: string; current: string }> {
  const dir = await workDir('drift');
  const baseline = path.join(dir, 'screen-1080p.png');
  const current = path.join(dir, 'screen-1080p-banner.png');
  await sharp(screenSvg(false)).png().toFile(baseline);
  await sharp(screenSvg(true)).png().toFile(current);
  return { baseline, current };
}

async function decodeRgba(file: string): Promise<Buffer> {
  return sharp(file).ensureAlpha().raw().toBuffer();
}

/** Peak process memory above the level before the call, sampled every millisecond the event loop is free and at the end. */
async function peakMemory(task: () => Promise<unknown>): Promise<{ rss: number; heap: number; external: number }> {
  const before = process.memoryUsage();
  const peak = { rss: 0, heap: 0, external: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss - before.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed - before.heapUsed);
    peak.external = Math.max(peak.external, now.external + now.arrayBuffers - before.external - before.arrayBuffers);
  };
  const timer = setInterval(sample, 1);
  await task();
  sample();
  clearInterval(timer);
  return peak;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Screen comparison at 1080p: Vaider's pixel layer against pixelmatch, its SSIM against ssim.js. */
export async function driftBench(): Promise<string[]> {
  const { baseline, current } = await writeScreens();
  const memory = await peakMemory(() => comparePixels(baseline, current));

  const [a, b] = await Promise.all([decodeRgba(baseline), decodeRgba(current)]);
  const sharpDecode = await medianMs(5, () => Promise.all([decodeRgba(baseline), decodeRgba(current)]));
  const [pngA, pngB] = await Promise.all([readFile(baseline), readFile(current)]);
  const pngjsDecode = await medianMs(5, async () => [PNG.sync.read(pngA), PNG.sync.read(pngB)]);

  let pixelmatchCount = 0;
  const pixelmatchTime = await medianMs(5, async () => {
    pixelmatchCount = pixelmatch(a, b, undefined, WIDTH, HEIGHT, { threshold: 0.1 });
  });
  let vaiderCount = 0;
  const pixelLayer = await medianMs(5, async () => {
    vaiderCount = classifyPixels(a, b, WIDTH, HEIGHT, maxDeltaFor(0.1), true).changed;
  });
  let identicalCount = 0;
  const identicalLayer = await medianMs(5, async () => {
    identicalCount = classifyPixels(a, a, WIDTH, HEIGHT, maxDeltaFor(0.1), true).changed;
  });
  const identicalPixelmatch = await medianMs(5, async () => pixelmatch(a, a, undefined, WIDTH, HEIGHT, { threshold: 0.1 }));

  const states = classifyPixels(a, b, WIDTH, HEIGHT, maxDeltaFor(0.1), true).states;
  let vaiderSsim = 0;
  const ssimTime = await medianMs(5, async () => {
    vaiderSsim = meanSsim(a, b, WIDTH, HEIGHT, states);
  });
  const imageA = { data: new Uint8ClampedArray(a.buffer, a.byteOffset, a.length), width: WIDTH, height: HEIGHT };
  const imageB = { data: new Uint8ClampedArray(b.buffer, b.byteOffset, b.length), width: WIDTH, height: HEIGHT };
  let ssimJsDefault = 0;
  const ssimJsDefaultTime = await medianMs(5, async () => {
    ssimJsDefault = ssim(imageA, imageB).mssim;
  });
  let ssimJsFull = 0;
  const ssimJsFullTime = await medianMs(5, async () => {
    ssimJsFull = ssim(imageA, imageB, { ssim: 'fast', windowSize: 8, downsample: false }).mssim;
  });

  let full = await comparePixels(baseline, current);
  const fullTime = await medianMs(5, async () => {
    full = await comparePixels(baseline, current);
  });
  const banner = BANNER.width * BANNER.height;
  const box = full.regions[0]?.box;

  return [
    `### Screen comparison (drift, pixel layer): one pair of ${WIDTH}×${HEIGHT} PNGs, an error banner added`,
    '',
    'Median of 5 after a warm-up. Compare rows work on already decoded RGBA buffers; decoding is timed on its own.',
    '',
    '| measure | time | vs pixelmatch | result |',
    '|---|---|---|---|',
    `| pixelmatch 7 compare (threshold 0.1, AA detection on, no diff output) | ${ms(pixelmatchTime)} | 1.00× | ${pixelmatchCount} px |`,
    `| Vaider pixel layer (YIQ delta + AA detection, per-pixel map) | ${ms(pixelLayer)} | ${ratio(pixelLayer, pixelmatchTime)} | ${vaiderCount} px |`,
    `| identical pair: pixelmatch / Vaider pixel layer | ${ms(identicalPixelmatch)} / ${ms(identicalLayer)} | ${ratio(identicalLayer, identicalPixelmatch)} | ${identicalCount} px |`,
    `| Vaider SSIM (8×8 windows, stride 4, full resolution) | ${ms(ssimTime)} | ${ratio(ssimTime, pixelmatchTime)} | ${vaiderSsim.toFixed(4)} |`,
    `| ssim.js defaults (weber, 11×11, downsampled ×${Math.round(HEIGHT / 256)}) | ${ms(ssimJsDefaultTime)} | ${ratio(ssimJsDefaultTime, pixelmatchTime)} | ${ssimJsDefault.toFixed(4)} |`,
    `| ssim.js fast, 8×8, full resolution | ${ms(ssimJsFullTime)} | ${ratio(ssimJsFullTime, pixelmatchTime)} | ${ssimJsFull.toFixed(4)} |`,
    `| decode both PNGs: sharp raw / pngjs | ${ms(sharpDecode)} / ${ms(pngjsDecode)} | | |`,
    `| Vaider comparePixels, whole (decode, pixels, SSIM, regions, diff PNG) | ${ms(fullTime)} | ${ratio(fullTime, pixelmatchTime)} | ${full.changedPixels} px, ${full.regions.length} region(s) |`,
    '',
    `Banner ${BANNER.width}×${BANNER.height} at (${BANNER.x}, ${BANNER.y}) = ${banner} px; largest region ` +
      (box ? `${box.width}×${box.height} at (${box.x}, ${box.y}), areaShare ${full.regions[0]!.areaShare.toFixed(4)} (banner ${(banner / (WIDTH * HEIGHT)).toFixed(4)})` : 'none') +
      `. Peak memory during one comparePixels above the level before it (sampled whenever the event loop is free): ` +
      `RSS +${mib(memory.rss)}, JS heap +${mib(memory.heap)}, buffers +${mib(memory.external)}; one RGBA frame is ${mib(WIDTH * HEIGHT * 4)}.`,
    '',
  ];
}
