import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegBinaries } from '../src/media/ffmpeg-binaries.js';
import { runProcess } from '../src/media/run-process.js';
import { intersectionArea, type Box } from '../src/screen/box.js';
import { createOcrEngine, type OcrEngine } from '../src/vision/ocr/ocr-engine.js';
import type { RgbImage } from '../src/vision/ocr/rgb-image.js';
import type { OcrResult } from '../src/screen/ocr-text.js';
import { scratchDir } from './helpers/media-fixtures.js';

/**
 * The same fixtures as ocr-hard-cases.test.ts, but as OCR meets them in practice: frames of a VP9 WebM
 * (what Playwright records), with chroma subsampling, blur and ringing around every edge.
 */

const WIDTH = 1280;
const HEIGHT = 720;

async function ffmpeg(args: string[]): Promise<Buffer> {
  const result = await runProcess(ffmpegBinaries().ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  if (result.code !== 0) throw new Error(`ffmpeg failed: ${result.stderr}`);
  return result.stdout;
}

/** The fixture shown for a second in a VP9 WebM at 1 Mbit/s, and the last frame decoded back to RGB. */
async function videoFrame(name: string, dir: string): Promise<RgbImage> {
  const video = path.join(dir, `${name}.webm`);
  const png = path.join(import.meta.dirname, 'fixtures', 'ocr', `${name}.png`);
  await ffmpeg(['-loop', '1', '-framerate', '25', '-i', png, '-t', '1', '-c:v', 'libvpx-vp9', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8', '-pix_fmt', 'yuv420p', video]);
  const data = await ffmpeg(['-sseof', '-0.2', '-i', video, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
  expect(data.length).toBe(WIDTH * HEIGHT * 3);
  return { width: WIDTH, height: HEIGHT, data };
}

const squeeze = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function expectLine(result: OcrResult, text: string): void {
  expect(
    result.lines.some((line) => squeeze(line.text).includes(squeeze(text))),
    `no line reading "${text}" in:\n${result.text}`,
  ).toBe(true);
}

let engine: OcrEngine;
let dir: string;
let cleanup: () => Promise<void>;
const read = async (name: string): Promise<OcrResult> => engine.recognizeRgb(await videoFrame(name, dir));

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-ocr-video-'));
  engine = createOcrEngine();
});

afterAll(async () => {
  await engine.close();
  await cleanup();
});

describe('OCR of VP9 video frames', () => {
  it('reads 2048\'s tiles and its overlay', async () => {
    const tiles = await read('2048-tiles');
    const values = tiles.lines.flatMap((line) => line.words.map((word) => squeeze(word.text)));
    for (const value of ['2', '8', '16', '32', '64', '128', '256', '512']) expect(values, tiles.text).toContain(value);
    expectLine(await read('2048-game-over'), 'Game');
  });

  it('reads jest\'s badges and paths', async () => {
    const result = await read('terminal-jest');
    for (const text of ['PASS', 'FAIL', 'RUNS', 'src/utils/format.test.ts', 'src/api/client.test.ts', 'src/hooks/useAuth.test.ts']) {
      expectLine(result, text);
    }
  });

  it('names no illegible place on ordinary screens', async () => {
    /** See ocr-hard-cases.test.ts: the chart's 11 px axis labels are text tesseract misreads. */
    const axisLabels: Box = { x: 320, y: 420, width: 500, height: 20 };
    for (const name of ['login-form', 'table', 'dark-sidebar']) {
      const result = await read(name);
      for (const box of result.illegible ?? []) {
        expect(intersectionArea(box, axisLabels), `${name}: ${JSON.stringify(box)}`).toBe(box.width * box.height);
      }
    }
  });
});
