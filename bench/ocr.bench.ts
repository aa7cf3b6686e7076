import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createWorker, OEM } from 'tesseract.js';
import { createOcrEngine } from '../src/vision/ocr/ocr-engine.js';
import { tesseractLangPath } from '../src/vision/ocr/tesseract-worker.js';
import { medianMs, ms, ratio } from './bench-utils.js';
import { keyframesOfBenchVideo } from './bench-keyframes.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'tests', 'fixtures', 'ocr');

/**
 * The screens of tests/fixtures/ocr: the hard cases the second pass exists for (2048, terminals, a dialog,
 * unreadable text, crops of corpus video frames), where it may cost more, and ordinary ones, where it
 * should cost next to nothing.
 */
async function fixtureRows(): Promise<string[]> {
  const files = (await readdir(FIXTURES)).filter((name) => name.endsWith('.png')).sort();
  const engine = createOcrEngine({ workers: 1 });
  const rows: string[] = [];
  try {
    for (const name of files) {
      const file = path.join(FIXTURES, name);
      let result = await engine.recognize(file);
      const time = await medianMs(3, async () => (result = await engine.recognize(file)));
      rows.push(`| ${name} | ${ms(time)} | ${result.lines.length} | ${result.illegible?.length ?? 0} |`);
    }
  } finally {
    await engine.close();
  }
  return rows;
}

/** OCR per 720p keyframe: Vaider's page, coloured-region and unread-ink passes against one plain tesseract pass. */
export async function ocrBench(): Promise<string[]> {
  const frames = await keyframesOfBenchVideo();

  const createStart = performance.now();
  const engine = createOcrEngine({ workers: 1 });
  await engine.recognize(frames[0]!);
  const firstCall = performance.now() - createStart;

  let lines = 0;
  const vaider = await medianMs(3, async () => {
    lines = 0;
    for (const frame of frames) lines += (await engine.recognize(frame)).lines.length;
  });
  await engine.close();

  const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath: tesseractLangPath(), cacheMethod: 'none', gzip: true });
  // Tesseract falls back to 70 dpi for these PNGs anyway; saying so stops a warning per call.
  await worker.setParameters({ user_defined_dpi: '70' });
  let plainText = '';
  const plain = await medianMs(3, async () => {
    plainText = '';
    for (const frame of frames) plainText += (await worker.recognize(frame)).data.text;
  });
  await worker.terminate();
  const buttonsRead = (text: string) => frames.filter((_, i) => text.includes(`Continue ${i + 1}`)).length;
  const perFrame = (total: number) => total / frames.length;

  return [
    `### OCR per keyframe: ${frames.length} keyframes of 1280×720, one worker`,
    '',
    '| measure | per keyframe | vs plain pass |',
    '|---|---|---|',
    `| plain tesseract pass on the whole page (the naive way) | ${ms(perFrame(plain))} | 1.00× |`,
    `| Vaider OCR (page + coloured regions + unread ink, merged) | ${ms(perFrame(vaider))} | ${ratio(vaider, plain)} |`,
    '',
    `White-on-colour button labels read: plain pass ${buttonsRead(plainText)} of ${frames.length}; Vaider reads ${lines} lines in all. ` +
      `First call including worker start: ${ms(firstCall)}.`,
    '',
    '#### OCR per screen of tests/fixtures/ocr (Chromium screenshots at 1280×720, crops of corpus video frames; one worker)',
    '',
    '| screen | time | lines | illegible places |',
    '|---|---|---|---|',
    ...(await fixtureRows()),
    '',
  ];
}
