import { createWorker, OEM } from 'tesseract.js';
import { createOcrEngine } from '../src/vision/ocr/ocr-engine.js';
import { tesseractLangPath } from '../src/vision/ocr/tesseract-worker.js';
import { medianMs, ms, ratio } from './bench-utils.js';
import { keyframesOfBenchVideo } from './bench-keyframes.js';

/** OCR per 720p keyframe: Vaider's page + coloured-region passes against one plain tesseract pass. */
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
    `| Vaider OCR (page + coloured regions, merged) | ${ms(perFrame(vaider))} | ${ratio(vaider, plain)} |`,
    '',
    `White-on-colour button labels read: plain pass ${buttonsRead(plainText)} of ${frames.length}; Vaider reads ${lines} lines in all. ` +
      `First call including worker start: ${ms(firstCall)}.`,
    '',
  ];
}
