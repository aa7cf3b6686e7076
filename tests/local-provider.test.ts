import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProvider } from '../src/vision/providers/local/local-provider.js';
import { stillTimeline } from '../src/vision/timeline/text-timeline.js';
import { hammingDistance } from '../src/media/perceptual-hash.js';
import type { VisionProvider } from '../src/vision/types.js';
import { LOGIN_ERROR_SCREEN, LOGIN_SCREEN, WELCOME_SCREEN, makeScreenshot, scratchDir } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let provider: VisionProvider;
let login: string;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
  provider = createLocalProvider({ min_word_confidence: 0.5 });
  login = await makeScreenshot(path.join(dir, 'login.png'), LOGIN_ERROR_SCREEN);
});
afterAll(async () => {
  await provider.close();
  await cleanup();
});

describe('local provider', () => {
  it('finds a button by its description: the whole button box, its centre, its type', async () => {
    const match = await provider.findElement(login, 'the Sign In button');
    expect(match).not.toBeNull();
    expect(match!.type).toBe('button');
    // The blue box of LOGIN_SCREEN: x 440, y 420, 400 × 72.
    expect(Math.abs(match!.box.x - 440)).toBeLessThanOrEqual(8);
    expect(Math.abs(match!.box.width - 400)).toBeLessThanOrEqual(16);
    expect(Math.abs(match!.center.x - 640)).toBeLessThanOrEqual(8);
    expect(Math.abs(match!.center.y - 456)).toBeLessThanOrEqual(8);
    expect(match!.confidence).toBeGreaterThan(0.7);
  });

  it('finds plain text, and nothing for text that is not there', async () => {
    const title = await provider.findElement(login, '"Sign in to continue"');
    expect(title).toMatchObject({ type: 'text' });
    expect(Math.abs(title!.box.y - 120)).toBeLessThanOrEqual(16);
    expect(await provider.findElement(login, 'the Delete account button')).toBeNull();
  });

  it('embeds screens so that the same screen is near and another is far', async () => {
    const again = await makeScreenshot(path.join(dir, 'login-again.png'), LOGIN_SCREEN);
    const other = await makeScreenshot(path.join(dir, 'welcome.png'), WELCOME_SCREEN);
    const [a, b, c] = await Promise.all([login, again, other].map((f) => provider.embed(f)));
    expect(a!.dhash).toMatch(/^[0-9a-f]{16}$/);
    expect(a!.vector).toHaveLength(64);
    expect(hammingDistance(a!.dhash, b!.dhash)).toBeLessThan(hammingDistance(a!.dhash, c!.dhash));
  });

  it('compares two screens: where they differ, and which text came and went', async () => {
    const before = await makeScreenshot(path.join(dir, 'before.png'), LOGIN_SCREEN);
    const same = await provider.compare(before, before);
    expect(same).toEqual({ similarity: 1, regions: [], changes: [] });

    const after = await provider.compare(before, login);
    expect(after.similarity).toBeLessThan(1);
    expect(after.changes).toContain("Text appeared: 'Invalid password'");
    // The red banner of LOGIN_ERROR_SCREEN: x 440, y 540, 400 × 64; the grid is 32 px here.
    const banner = after.regions[0]!;
    expect(Math.abs(banner.x - 440)).toBeLessThanOrEqual(32);
    expect(Math.abs(banner.y - 540)).toBeLessThanOrEqual(32);
    expect(Math.abs(banner.width - 400)).toBeLessThanOrEqual(64);
  });

  it('describes a screenshot with its buttons and banners', async () => {
    const ocr = await provider.ocr(login);
    const shown = { index: 0, path: login };
    const description = await provider.describe({
      frames: [{ index: 0, time: 0, path: login, width: 1280, height: 720 }],
      timeline: stillTimeline(ocr.lines, ocr.illegible ?? []),
      frameAt: () => Promise.resolve(shown),
    });
    expect(description.observations[0]!.summary).toMatch(/Buttons: .*'Sign In'/);
    expect(description.steps[0]!.text).toMatch(/Invalid password/);
  });
});
