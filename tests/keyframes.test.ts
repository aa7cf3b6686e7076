import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractVideoKeyframes } from '../src/media/extract-keyframes.js';
import { LOGIN_FLOW, LOGIN_SCREEN, makeVideo, scratchDir, type ScreenSpec, type TimedScreen } from './helpers/media-fixtures.js';
import { DEFAULT_KEYFRAME_SETTINGS as SETTINGS } from './helpers/settings.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
});
afterAll(() => cleanup());

const TOLERANCE = 0.15;

function startTimes(keyframes: Array<{ time: number }>): number[] {
  return keyframes.map((k) => k.time);
}

describe('keyframes of the login flow', () => {
  for (const codec of ['h264', 'vp8'] as const) {
    it(`finds each screen of the ${codec} video at the time it appeared`, async () => {
      const ext = codec === 'h264' ? 'mp4' : 'webm';
      const video = await makeVideo(path.join(dir, `login-${codec}.${ext}`), LOGIN_FLOW, { codec });
      const out = path.join(dir, `kf-${codec}`);
      const result = await extractVideoKeyframes(video, out, SETTINGS);

      const times = startTimes(result.keyframes);
      expect(times).toHaveLength(3);
      [0, 2, 4].forEach((expected, i) => expect(Math.abs(times[i]! - expected)).toBeLessThanOrEqual(TOLERANCE));
      expect(result.keyframes[0]!.reasons).toContain('first');
      expect(result.keyframes.at(-1)!.reasons).toContain('last');
      expect(result.keyframes.at(-1)!.end).toBeGreaterThanOrEqual(5.9);
      expect(result.media).toMatchObject({ kind: 'video', width: 1280, height: 720 });

      const png = await sharp(result.keyframes[1]!.path).metadata();
      expect([png.format, png.width, png.height]).toEqual(['png', 1280, 720]);

      const timeline = JSON.parse(await readFile(result.timelinePath, 'utf8'));
      expect(timeline.keyframes).toHaveLength(3);
      expect(timeline.keyframes[1]).toMatchObject({ index: 1, reasons: ['settled'] });
      expect(timeline.keyframes[1].why).toMatch(/held steady/);
      expect(timeline.keyframes[1].change_score).toBeGreaterThan(0);

      const sheet = await sharp(result.contactSheetPath!).metadata();
      expect(sheet.width).toBeGreaterThan(3 * 256);
    });
  }
});

describe('settle detection', () => {
  it('treats a brief flash between two identical screens as one state', async () => {
    const flash: ScreenSpec = { background: 'black', texts: [{ text: 'FLASH', x: 100, y: 100, color: 'white' }] };
    const video = await makeVideo(path.join(dir, 'flash.mp4'), [
      { screen: LOGIN_SCREEN, start: 0, end: 1.5 },
      { screen: flash, start: 1.5, end: 1.6 },
      { screen: LOGIN_SCREEN, start: 1.6, end: 3 },
    ]);
    const result = await extractVideoKeyframes(video, path.join(dir, 'kf-flash'), SETTINGS);
    expect(result.keyframes).toHaveLength(1);
    expect(result.keyframes[0]!.reasons).toEqual(expect.arrayContaining(['first', 'last']));
  });

  it('notices a change of a single small word', async () => {
    const counter = (n: number): ScreenSpec => ({
      background: 'white',
      texts: [{ text: `Messages: ${n}`, x: 600, y: 400, size: 20 }],
    });
    const video = await makeVideo(path.join(dir, 'counter.mp4'), [
      { screen: counter(3), start: 0, end: 1 },
      { screen: counter(4), start: 1, end: 2 },
    ]);
    const result = await extractVideoKeyframes(video, path.join(dir, 'kf-counter'), SETTINGS);
    expect(startTimes(result.keyframes).map((t) => Math.round(t))).toEqual([0, 1]);
  });

  it('still yields frames from a screen that never settles', async () => {
    const ticking: ScreenSpec = { background: 'white', texts: [{ text: 'Loading %{pts}', x: 400, y: 300, size: 48 }] };
    const video = await makeVideo(path.join(dir, 'spinner.mp4'), [{ screen: ticking, start: 0, end: 4 }]);
    const result = await extractVideoKeyframes(video, path.join(dir, 'kf-spinner'), SETTINGS);
    const reasons = result.keyframes.flatMap((k) => k.reasons);
    expect(reasons).toEqual(expect.arrayContaining(['first', 'unsettled', 'last']));
    expect(result.keyframes.length).toBeLessThanOrEqual(4);
  });

  it('caps the count, keeping the first, the last and the biggest changes', async () => {
    const screens: TimedScreen[] = Array.from({ length: 8 }, (_, i) => ({
      screen: {
        background: 'white',
        // Screen 5 changes far more of the screen than the others.
        boxes: i === 5 ? [{ x: 0, y: 0, w: 1280, h: 500, color: '0x1a73e8' }] : [],
        texts: [{ text: `Step ${i}`, x: 100, y: 600, size: 40 }],
      },
      start: i * 0.7,
      end: (i + 1) * 0.7,
    }));
    const video = await makeVideo(path.join(dir, 'many.mp4'), screens);
    const result = await extractVideoKeyframes(video, path.join(dir, 'kf-many'), { ...SETTINGS, max: 4 });
    const times = startTimes(result.keyframes);
    expect(times).toHaveLength(4);
    expect(times[0]).toBeCloseTo(0, 1);
    expect(times.at(-1)!).toBeCloseTo(4.9, 0);
    expect(times.some((t) => Math.abs(t - 3.5) <= TOLERANCE)).toBe(true);
    expect(result.keyframes.at(-1)!.reasons).toContain('last');
  });
});
