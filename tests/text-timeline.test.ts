import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine } from '../src/vision/ocr/ocr-engine.js';
import { normalizeText } from '../src/screen/text-match.js';
import { readVideo, type VideoReading } from '../src/vision/timeline/read-video.js';
import type { TextTimeline } from '../src/vision/timeline/text-timeline.js';
import { LOGIN_FLOW, LOGIN_SCREEN, makeVideo, scratchDir, type ScreenSpec, type TimedScreen } from './helpers/media-fixtures.js';
import { DEFAULT_KEYFRAME_SETTINGS as SETTINGS } from './helpers/settings.js';

let dir: string;
let cleanup: () => Promise<void>;
let engine: OcrEngine;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
  engine = createOcrEngine();
});
afterAll(async () => {
  await engine.close();
  await cleanup();
});

const TOLERANCE = 0.15;

async function read(name: string, screens: TimedScreen[], settings = SETTINGS, readUntil?: () => number): Promise<VideoReading> {
  const video = await makeVideo(path.join(dir, `${name}.mp4`), screens);
  return readVideo(video, path.join(dir, `kf-${name}`), settings, (image, signal) => engine.recognizeRgb(image, signal), { readUntil });
}

/** The spans whose text reads as `text`. */
function spansOf(timeline: TextTimeline, text: string) {
  return timeline.spans.filter((span) => normalizeText(span.text) === normalizeText(text));
}

describe('the text timeline of the login flow', () => {
  for (const codec of ['h264', 'vp8'] as const) {
    it(`has each screen's text from when it appeared, and a keyframe for each (${codec})`, async () => {
      const ext = codec === 'h264' ? 'mp4' : 'webm';
      const video = await makeVideo(path.join(dir, `login-${codec}.${ext}`), LOGIN_FLOW, { codec });
      const result = await readVideo(video, path.join(dir, `kf-login-${codec}`), SETTINGS, (image, signal) => engine.recognizeRgb(image, signal));
      const { timeline } = result;

      const [invalid] = spansOf(timeline, 'Invalid password');
      expect(invalid).toBeDefined();
      expect(Math.abs(invalid!.firstSeen - 2)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(invalid!.lastSeen - 3.9)).toBeLessThanOrEqual(TOLERANCE);
      const [welcome] = spansOf(timeline, 'Welcome, Alice');
      expect(Math.abs(welcome!.firstSeen - 4)).toBeLessThanOrEqual(TOLERANCE);
      expect(welcome!.lastSeen).toBeGreaterThanOrEqual(5.8);
      expect(timeline.gaps).toEqual([]);
      // Every line of text is on a saved frame.
      expect(timeline.spans.every((span) => span.keyframe !== null)).toBe(true);

      const times = result.keyframes.map((k) => k.time);
      expect(times).toHaveLength(3);
      [0, 2, 4].forEach((expected, i) => expect(Math.abs(times[i]! - expected)).toBeLessThanOrEqual(TOLERANCE));
      expect(result.keyframes[0]!.reasons).toContain('first');
      expect(result.keyframes[1]!.reasons).toEqual(['text']);
      expect(result.keyframes[1]!.why).toMatch(/last moment some text was on screen/);
      expect(result.keyframes.at(-1)!.reasons).toContain('last');
      expect(result.media).toMatchObject({ kind: 'video', width: 1280, height: 720 });

      const png = await sharp(result.keyframes[1]!.path).metadata();
      expect([png.format, png.width, png.height]).toEqual(['png', 1280, 720]);
      const index = JSON.parse(await readFile(result.timelinePath, 'utf8'));
      expect(index.keyframes).toHaveLength(3);
      const sheet = await sharp(result.contactSheetPath!).metadata();
      expect(sheet.width).toBeGreaterThan(3 * 256);
    });
  }
});

describe('nothing on screen for a sampled frame is lost', () => {
  it('keeps text shown for a tenth of a second, with a keyframe that shows it', async () => {
    const flash: ScreenSpec = { background: 'black', texts: [{ text: 'Saved to drafts', x: 100, y: 100, color: 'white' }] };
    const result = await read('flash', [
      { screen: LOGIN_SCREEN, start: 0, end: 1.5 },
      { screen: flash, start: 1.5, end: 1.6 },
      { screen: LOGIN_SCREEN, start: 1.6, end: 3 },
    ]);
    const [saved] = spansOf(result.timeline, 'Saved to drafts');
    expect(saved).toBeDefined();
    expect(saved!.firstSeen).toBeCloseTo(1.5, 1);
    expect(saved!.keyframe).not.toBeNull();
    expect(result.keyframes[saved!.keyframe!]!.time).toBeCloseTo(1.5, 1);
    // The form is there before and after it.
    expect(spansOf(result.timeline, 'Sign in to continue')).toHaveLength(2);
  });

  it('notices a change of a single small word, reading only where it changed', async () => {
    const counter = (n: number): ScreenSpec => ({
      background: 'white',
      texts: [
        { text: 'Inbox', x: 100, y: 60, size: 40 },
        { text: `Messages: ${n}`, x: 600, y: 400, size: 20 },
      ],
    });
    const result = await read('counter', [
      { screen: counter(3), start: 0, end: 1 },
      { screen: counter(4), start: 1, end: 2 },
    ]);
    expect(spansOf(result.timeline, 'Messages: 3')[0]!.lastSeen).toBeCloseTo(0.9, 1);
    expect(spansOf(result.timeline, 'Messages: 4')[0]!.firstSeen).toBeCloseTo(1, 1);
    // The heading was carried over, not read again.
    expect(spansOf(result.timeline, 'Inbox')).toHaveLength(1);
    expect(result.timeline.counts).toMatchObject({ fullReads: 1, partialReads: 1 });
  });

  it('reads every count of a long stretch of typing', async () => {
    const word = 'Remember the milk';
    const screens: TimedScreen[] = Array.from({ length: word.length + 1 }, (_, n) => ({
      screen: {
        background: 'white',
        boxes: [{ x: 200, y: 200, w: 600, h: 60, color: '0xdddddd' }, { x: 204, y: 204, w: 592, h: 52, color: 'white' }],
        texts: [
          { text: 'todos', x: 200, y: 80, size: 48 },
          ...(n > 0 ? [{ text: word.slice(0, n), x: 216, y: 214, size: 28 }] : []),
          { text: `${n} items left`, x: 200, y: 300, size: 22, color: '0x555555' },
        ],
      },
      start: n * 0.3,
      end: (n + 1) * 0.3,
    }));
    const result = await read('typing', screens);
    const counts = Array.from({ length: word.length + 1 }, (_, n) => `${n} items left`);
    const missing = counts.filter((count) => spansOf(result.timeline, count).length === 0);
    expect(missing).toEqual([]);
    expect(spansOf(result.timeline, word)).toHaveLength(1);
    expect(result.timeline.counts.fullReads).toBeLessThanOrEqual(2);
  });
});

describe('what is not text does not start new reads', () => {
  it('ignores a blinking caret', async () => {
    const field = (caret: boolean): ScreenSpec => ({
      background: 'white',
      boxes: caret ? [{ x: 421, y: 305, w: 2, h: 30, color: 'black' }] : [],
      texts: [
        { text: 'Email', x: 200, y: 250, size: 24 },
        { text: 'alice@example.com', x: 200, y: 305, size: 24 },
      ],
    });
    const blinks: TimedScreen[] = Array.from({ length: 6 }, (_, i) => ({ screen: field(i % 2 === 0), start: i * 0.5, end: (i + 1) * 0.5 }));
    const result = await read('caret', blinks);
    expect(result.timeline.states).toHaveLength(1);
    expect(result.timeline.counts.unchanged).toBeGreaterThanOrEqual(4);
    expect(result.keyframes).toHaveLength(1);
  });

  it('reads an overlay with a spinner once, and does not keep reading the spinner', async () => {
    const overlay = (step: number): ScreenSpec => ({
      background: 'white',
      boxes: [
        { x: 300, y: 250, w: 680, h: 200, color: '0x333333' },
        { x: 340 + (step % 2) * 12, y: 330 + (step >> 1) * 12, w: 12, h: 12, color: 'white' },
      ],
      texts: [
        { text: 'Mail', x: 40, y: 30, size: 36 },
        { text: 'Archiving 3 conversations', x: 400, y: 330, size: 30, color: 'white' },
      ],
    });
    const list: ScreenSpec = { background: 'white', texts: [{ text: 'Mail', x: 40, y: 30, size: 36 }, { text: 'Inbox is empty', x: 400, y: 330, size: 30 }] };
    const spin: TimedScreen[] = Array.from({ length: 15 }, (_, i) => ({ screen: overlay(i % 4), start: 1 + i * 0.1, end: 1 + (i + 1) * 0.1 }));
    const result = await read('spinner', [{ screen: list, start: 0, end: 1 }, ...spin, { screen: list, start: 2.5, end: 3.5 }]);
    const [archiving] = spansOf(result.timeline, 'Archiving 3 conversations');
    expect(archiving).toBeDefined();
    expect(archiving!.firstSeen).toBeCloseTo(1, 1);
    expect(archiving!.lastSeen).toBeCloseTo(2.4, 1);
    expect(archiving!.keyframe).not.toBeNull();
    // A couple of reads of the spinner teach it; most frames of it are not read.
    expect(result.timeline.counts.partialReads).toBeLessThanOrEqual(6);
    expect(result.timeline.counts.unchanged).toBeGreaterThanOrEqual(8);
  });
});

describe('the keyframe cap', () => {
  it('keeps the first, the last and the screens showing the most, and names what it left without a keyframe', async () => {
    const screens: TimedScreen[] = Array.from({ length: 8 }, (_, i) => ({
      screen: {
        background: 'white',
        texts: [
          { text: `Step ${i}`, x: 100, y: 600, size: 40 },
          // Screen 5 shows three lines more than the others.
          ...(i === 5 ? ['Shipping', 'Payment', 'Review'].map((t, k) => ({ text: t, x: 100, y: 100 + k * 80, size: 40 })) : []),
        ],
      },
      start: i * 0.7,
      end: (i + 1) * 0.7,
    }));
    const result = await read('many', screens, { ...SETTINGS, max: 4 });
    const times = result.keyframes.map((k) => k.time);
    expect(times).toHaveLength(4);
    expect(times[0]).toBeCloseTo(0, 1);
    expect(times.at(-1)!).toBeCloseTo(4.9, 1);
    expect(times.some((t) => Math.abs(t - 3.5) <= TOLERANCE)).toBe(true);
    // Every step is still in the timeline; those without a keyframe are named.
    for (let i = 0; i < 8; i++) expect(spansOf(result.timeline, `Step ${i}`)).toHaveLength(1);
    expect(result.warnings.join(' ')).toMatch(/keyframe cap \(keyframes\.max = 4\) left 4 lines of text without a keyframe, on screen at /);
  });
});

describe('a time budget that runs out', () => {
  it('stops reading and reports the rest of the video as a gap, instead of failing', async () => {
    const result = await read('late', LOGIN_FLOW, SETTINGS, () => 0);
    const { timeline } = result;
    expect(timeline.gaps).toHaveLength(1);
    expect(timeline.gaps[0]!.end).toBeGreaterThanOrEqual(5.9);
    expect(timeline.gaps[0]!.reason).toMatch(/time budget/);
    expect(timeline.states.slice(1).every((s) => s.read === 'unread')).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/not read at .* Verdicts that depend on it are uncertain/);
  });
});
