import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePixels } from '../src/drift/pixel-diff.js';
import type { Box } from '../src/screen/box.js';
import { LOGIN_ERROR_SCREEN, LOGIN_SCREEN, makeScreenshot, scratchDir, type ScreenSpec } from './helpers/media-fixtures.js';

const BLUE = '0x1a73e8';
const BANNER: Box = { x: 440, y: 540, width: 400, height: 64 };

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await scratchDir('vaider-pixel-diff-')));
afterAll(() => cleanup());

const file = (name: string) => path.join(dir, name);

function screen(name: string, spec: ScreenSpec, width = 640, height = 360): Promise<string> {
  return makeScreenshot(file(`${name}.png`), spec, width, height);
}

/** Anti-aliased text at a sub-pixel x: what a font renderer produces when a layout shifts by a fraction of a pixel. */
async function svgText(name: string, x: string, heading = 'Sign in to continue'): Promise<string> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200" font-family="DejaVu Sans">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="${x}" y="100" font-size="32" fill="black">${heading}</text>` +
    `<text x="${x}" y="160" font-size="18" fill="#333333">Email: alice@example.com</text></svg>`;
  const out = file(`${name}.png`);
  await sharp(Buffer.from(svg)).png().toFile(out);
  return out;
}

function expectNear(actual: Box, expected: Box, tolerance: number): void {
  expect(Math.abs(actual.x - expected.x)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.y - expected.y)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.x + actual.width - (expected.x + expected.width))).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.y + actual.height - (expected.y + expected.height))).toBeLessThanOrEqual(tolerance);
}

function union(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

describe('comparePixels', () => {
  let login: string;
  let loginError: string;
  beforeAll(async () => {
    [login, loginError] = await Promise.all([
      makeScreenshot(file('login.png'), LOGIN_SCREEN),
      makeScreenshot(file('login-error.png'), LOGIN_ERROR_SCREEN),
    ]);
  });

  it('finds nothing between two renderings of the same screen', async () => {
    const again = await makeScreenshot(file('login-again.png'), LOGIN_SCREEN);
    const result = await comparePixels(login, again);
    expect(result).toMatchObject({ width: 1280, height: 720, sizeChange: null, changedPixels: 0, pixelSimilarity: 1, regions: [] });
    expect(result.ssim).toBeCloseTo(1, 6);
  });

  it('finds an added error banner as one region with the banner box and its share of the screen', async () => {
    const result = await comparePixels(login, loginError);
    expect(result.regions).toHaveLength(1);
    const [banner] = result.regions;
    expectNear(banner!.box, BANNER, 8);
    const bannerShare = (BANNER.width * BANNER.height) / (1280 * 720);
    // The banner's white text lands on what was white page, so those few pixels are unchanged.
    expect(banner!.areaShare).toBeGreaterThan(bannerShare * 0.85);
    expect(banner!.areaShare).toBeLessThanOrEqual(bannerShare);
    expect(banner!.pixels).toBe(result.changedPixels);
    expect(result.pixelSimilarity).toBeCloseTo(1 - result.changedPixels / (1280 * 720), 10);
    expect(result.ssim).toBeLessThan(0.99);

    const diff = sharp(result.diffImage);
    expect(await diff.metadata()).toMatchObject({ format: 'png', width: 1280, height: 720 });
    const { data, info } = await diff.raw().toBuffer({ resolveWithObject: true });
    const centre = ((BANNER.y + 4) * 1280 + BANNER.x + 10) * info.channels;
    expect([...data.subarray(centre, centre + 3)]).toEqual([255, 0, 0]);
    const untouched = (20 * 1280 + 20) * info.channels;
    expect(data[untouched]).toBeLessThan(255 * 0.35);
  });

  it('marks both the old and the new place of a moved button', async () => {
    const before = await screen('button-at-100', { background: 'white', boxes: [{ x: 100, y: 200, w: 120, h: 48, color: BLUE }] });
    const after = await screen('button-at-160', { background: 'white', boxes: [{ x: 160, y: 200, w: 120, h: 48, color: BLUE }] });
    const result = await comparePixels(before, after);
    expect(result.regions.length).toBeGreaterThanOrEqual(1);
    expectNear(union(result.regions.map((r) => r.box)), { x: 100, y: 200, width: 180, height: 48 }, 4);
    // Where the two positions overlap nothing changed: 60 px columns on each side did.
    expect(result.changedPixels).toBe(2 * 60 * 48);
  });

  it('finds a button that changed colour as one region at the button', async () => {
    const blue = await screen('blue-button', { background: 'white', boxes: [{ x: 100, y: 200, w: 120, h: 48, color: BLUE }] });
    const green = await screen('green-button', { background: 'white', boxes: [{ x: 100, y: 200, w: 120, h: 48, color: '0x188038' }] });
    const result = await comparePixels(blue, green);
    expect(result.regions).toHaveLength(1);
    expectNear(result.regions[0]!.box, { x: 100, y: 200, width: 120, height: 48 }, 2);
    expect(result.changedPixels).toBe(120 * 48);
    expect(result.ssim).toBeLessThan(1);
  });

  it('passes over sub-pixel text shifts as anti-aliasing, and counts them when asked not to', async () => {
    const [at100, at1004] = await Promise.all([svgText('text-at-100', '100'), svgText('text-at-100.4', '100.4')]);
    const detected = await comparePixels(at100, at1004);
    const counted = await comparePixels(at100, at1004, { ignoreAntialiasing: false });
    expect(counted.changedPixels).toBeGreaterThan(1000);
    expect(detected.changedPixels).toBeLessThan(counted.changedPixels * 0.3);
  });

  it('still counts the anti-aliased edges of new text: the pixels beside them changed too', async () => {
    const [short, long] = await Promise.all([svgText('short', '100', 'Sign in'), svgText('long', '100', 'Sign in to continue')]);
    const detected = await comparePixels(short, long);
    const counted = await comparePixels(short, long, { ignoreAntialiasing: false });
    expect(counted.changedPixels).toBeGreaterThan(500);
    expect(detected.changedPixels).toBe(counted.changedPixels);
    expect(detected.regions).toHaveLength(1);
  });

  it('reports a size change and compares the overlapping top-left area', async () => {
    const spec: ScreenSpec = { background: 'white', boxes: [{ x: 100, y: 100, w: 120, h: 48, color: BLUE }] };
    const small = await screen('small', spec, 640, 360);
    const tall = await screen('tall', spec, 640, 400);
    const result = await comparePixels(small, tall);
    expect(result.sizeChange).toEqual({ from: { width: 640, height: 360 }, to: { width: 640, height: 400 } });
    expect(result).toMatchObject({ width: 640, height: 360, scale: 1, changedPixels: 0, regions: [] });
    expect(await sharp(result.diffImage).metadata()).toMatchObject({ width: 640, height: 400 });
  });

  it('leaves out ignore regions and the non-black parts of a mask', async () => {
    const ignored = await comparePixels(login, loginError, { ignoreRegions: [{ x: 430, y: 530, width: 420, height: 84 }] });
    expect(ignored).toMatchObject({ changedPixels: 0, pixelSimilarity: 1, regions: [] });
    expect(ignored.ssim).toBeCloseTo(1, 6);

    const mask = file('banner-mask.png');
    await sharp({ create: { width: 1280, height: 720, channels: 3, background: 'black' } })
      .composite([{ input: { create: { width: 420, height: 84, channels: 3, background: 'white' } }, left: 430, top: 530 }])
      .png()
      .toFile(mask);
    expect(await comparePixels(login, loginError, { maskPath: mask })).toMatchObject({ changedPixels: 0, regions: [] });

    const half = await comparePixels(login, loginError, { ignoreRegions: [{ x: 430, y: 530, width: 220, height: 84 }] });
    expect(half.regions).toHaveLength(1);
    expect(half.regions[0]!.box.x).toBeGreaterThanOrEqual(650);
  });

  it('compares screens over 4096 px on a side scaled down by the same factor', async () => {
    const wide = (name: string, x: number) =>
      sharp({ create: { width: 8192, height: 256, channels: 3, background: 'white' } })
        .composite([{ input: { create: { width: 512, height: 128, channels: 3, background: 'blue' } }, left: x, top: 64 }])
        .png()
        .toFile(file(name))
        .then(() => file(name));
    const result = await comparePixels(await wide('wide-a.png', 1024), await wide('wide-b.png', 4096));
    expect(result).toMatchObject({ width: 4096, height: 128, scale: 0.5, sizeChange: null });
    expect(union(result.regions.map((r) => r.box)).x).toBeCloseTo(512, -1);
  });

  it('refuses what is not an image, a damaged image and a threshold out of range', async () => {
    const text = file('notes.txt');
    await writeFile(text, 'not a screenshot\n');
    await expect(comparePixels(login, text)).rejects.toMatchObject({ code: 'INPUT_NOT_MEDIA', message: expect.stringContaining(text) });

    const whole = await sharp({ create: { width: 640, height: 360, channels: 3, background: 'white' } })
      .composite([{ input: { create: { width: 100, height: 100, channels: 3, background: 'red' } }, left: 10, top: 10 }])
      .png({ compressionLevel: 0 })
      .toBuffer();
    const truncated = file('truncated.png');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(comparePixels(truncated, login)).rejects.toMatchObject({ code: 'INPUT_CORRUPT', message: expect.stringContaining(truncated) });

    await expect(comparePixels(login, login, { threshold: 2 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
