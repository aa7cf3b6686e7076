import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AnalysisResult } from '../src/app/analysis/analysis-types.js';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { planSampling } from '../src/media/plan-sampling.js';
import { probeVideo } from '../src/media/probe.js';
import { sampleChangedFrames } from '../src/media/sample-changed-frames.js';
import { createOcrEngine, type OcrEngine } from '../src/vision/ocr/ocr-engine.js';
import { normalizeText } from '../src/screen/text-match.js';
import { readVideo } from '../src/vision/timeline/read-video.js';
import { corpusRecordings, CORPUS_DIR } from '../tests/helpers/corpus.js';
import { DEFAULT_KEYFRAME_SETTINGS as SETTINGS } from '../tests/helpers/settings.js';
import { ffmpeg, medianMs, ms, ratio, workDir } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

/** CPU seconds this process spends in `task`: the main thread and the tesseract worker threads, not ffmpeg. */
async function cpuSeconds<T>(task: () => Promise<T>): Promise<{ value: T; cpu: number; wall: number }> {
  const before = process.cpuUsage();
  const started = performance.now();
  const value = await task();
  const used = process.cpuUsage(before);
  return { value, cpu: (used.user + used.system) / 1e6, wall: (performance.now() - started) / 1000 };
}

interface Reading {
  calls: number;
  cpu: number;
  minutes: number;
}

/** Vaider's way: the text timeline, reading only what changed. */
async function timelineReading(engine: OcrEngine, file: string, dir: string): Promise<Reading & { keyframes: string[] }> {
  let calls = 0;
  const { value, cpu } = await cpuSeconds(() =>
    readVideo(file, dir, { ...SETTINGS, contactSheet: false }, (image, signal) => {
      calls++;
      return engine.recognizeRgb(image, signal);
    }),
  );
  return { calls, cpu, minutes: value.media.duration / 60, keyframes: value.keyframes.map((k) => k.path) };
}

/** The naive complete way: every frame the decoder passes on (identical ones already dropped), read in full. */
async function everyFrameReading(engine: OcrEngine, file: string): Promise<Reading> {
  const probe = await probeVideo(file);
  const plan = planSampling({ probe, maxDimension: SETTINGS.maxDimension, maxDuration: SETTINGS.maxDuration });
  let calls = 0;
  const { cpu } = await cpuSeconds(() =>
    sampleChangedFrames({ file, ...plan, sampleFps: SETTINGS.sampleFps, maxDuration: plan.duration || SETTINGS.maxDuration }, async (frame) => {
      calls++;
      await engine.recognizeRgb({ width: plan.width, height: plan.height, data: frame.rgb });
    }),
  );
  return { calls, cpu, minutes: plan.duration / 60 };
}

/** The way before the timeline: read only the saved keyframes. */
async function keyframesOnlyReading(engine: OcrEngine, keyframes: string[], minutes: number): Promise<Reading> {
  const { cpu } = await cpuSeconds(() => Promise.all(keyframes.map((k) => engine.recognize(k))));
  return { calls: keyframes.length, cpu, minutes };
}

function perMinute(r: Reading): string {
  return `${(r.calls / r.minutes).toFixed(0)} calls, ${(r.cpu / r.minutes).toFixed(1)} CPU s`;
}

async function readingCosts(engine: OcrEngine): Promise<string[]> {
  const videos = [
    { name: 'generated UI, 60 s, 12 screens', file: (await benchVideo(60, 12)).file },
    ...(await corpusRecordings()).map((r) => ({ name: `corpus: ${r.file}`, file: path.join(CORPUS_DIR, r.file) })),
  ];
  const rows: string[] = [];
  const total = { timeline: { calls: 0, cpu: 0, minutes: 0 }, naive: { calls: 0, cpu: 0, minutes: 0 }, keyframes: { calls: 0, cpu: 0, minutes: 0 } };
  for (const video of videos) {
    const dir = await workDir(`reading-${path.basename(video.file)}`);
    const timeline = await timelineReading(engine, video.file, dir);
    const naive = await everyFrameReading(engine, video.file);
    const keyframes = await keyframesOnlyReading(engine, timeline.keyframes, timeline.minutes);
    for (const [key, r] of [['timeline', timeline], ['naive', naive], ['keyframes', keyframes]] as const) {
      total[key].calls += r.calls;
      total[key].cpu += r.cpu;
      total[key].minutes += r.minutes;
    }
    rows.push(`| ${video.name} | ${perMinute(timeline)} | ${perMinute(naive)} | ${perMinute(keyframes)} |`);
  }
  rows.push(`| **all ${videos.length} videos** | **${perMinute(total.timeline)}** | **${perMinute(total.naive)}** | **${perMinute(total.keyframes)}** |`);
  return [
    '### Reading text: OCR calls and CPU seconds per video-minute',
    '',
    'CPU is this process (OCR threads and the change detection); ffmpeg decoding is the same for all three and left out.',
    '',
    '| video | Vaider timeline (full + partial reads) | naive complete: every distinct sampled frame read in full | keyframes only (before the timeline; misses what fell between) |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
}

/** The whole analysis of a UI recording against decode-only ffmpeg, and whether every screen is in the timeline. */
async function wholeAnalysis(seconds: number, screens: number, target: number): Promise<string[]> {
  const video = await benchVideo(seconds, screens);
  const dir = await workDir(`analysis-${seconds}s`);
  const input = path.join(dir, path.basename(video.file));
  await copyFile(video.file, input);
  // Default rules, including analysis_timeout_seconds: a long video must not time out under them.
  const vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
  const expectations = ["shows 'Screen 1: Login'", `at the end shows 'Continue ${screens}'`, "never shows 'Error'"];
  let result: AnalysisResult;
  let analysis: number;
  try {
    // One run warms the OCR workers; the measured one starts from a fresh interactions folder.
    await vaider.analyze({ input, expectations });
    await rm(`${input}.VaiderInteractions`, { recursive: true, force: true });
    const started = performance.now();
    result = await vaider.analyze({ input, expectations, noCache: true });
    analysis = performance.now() - started;
  } finally {
    await vaider.close();
  }
  const decodeOnly = await medianMs(2, () => ffmpeg(['-i', input, '-f', 'null', '-']));
  const timeline = JSON.parse(await readFile(result.textTimelinePath, 'utf8')) as { spans: Array<{ text: string }> };
  const texts = new Set(timeline.spans.map((span) => normalizeText(span.text)));
  const found = Array.from({ length: screens }, (_, i) => `Continue ${i + 1}`).filter((t) => texts.has(normalizeText(t))).length;
  return [
    `### Whole analysis: ${seconds} s, 1280×720 h264, ${screens} screens, 3 expectations`,
    '',
    '| measure | time | vs decode-only |',
    '|---|---|---|',
    `| decode-only (\`ffmpeg -i … -f null -\`), the limit | ${ms(decodeOnly)} | 1.00× |`,
    `| \`analyze()\` warm, in process: decode, text timeline, ${result.keyframes.length} keyframes, verdict | ${ms(analysis)} | ${ratio(analysis, decodeOnly)} |`,
    '',
    `Screens in the text timeline: ${found} of ${screens}; verdict ${result.verdict?.status}; coverage complete: ${result.coverage.complete}; ` +
      `warnings: ${result.warnings.length ? result.warnings.join(' ') : 'none'}. Target: ≤ ${target}× decode-only, every screen.`,
    '',
  ];
}

/** `npm run bench -- timeline`: the text timeline against decode-only, and reading costs against the naive ways. */
export async function timelineBench(): Promise<string[]> {
  const engine = createOcrEngine();
  try {
    return [...(await wholeAnalysis(60, 12, 3)), ...(await wholeAnalysis(600, 60, 2.5)), ...(await readingCosts(engine))];
  } finally {
    await engine.close();
  }
}
