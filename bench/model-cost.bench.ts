import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { createOcrEngine } from '../src/vision/ocr/ocr-engine.js';
import { readVideo } from '../src/vision/timeline/read-video.js';
import { scaledImageFile } from '../src/media/scaled-image.js';
import { probeVideo } from '../src/media/probe.js';
import { startFakeOpenAI } from '../tests/helpers/fake-model-servers.js';
import { DEFAULT_KEYFRAME_SETTINGS } from '../tests/helpers/settings.js';
import { ffmpeg, medianMs, ms, workDir } from './bench-utils.js';
import { benchVideo } from './bench-videos.js';

/**
 * OpenAI's published rule for a high-detail image: fit in 2048², shortest side to 768, then 170
 * tokens per 512-px tile plus 85. Other vendors count differently; this is the yardstick.
 */
function imageTokens(width: number, height: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shrink = Math.min(1, 768 / Math.min(w, h));
  w *= shrink;
  h *= shrink;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/** Gemini's published rate for video: about 263 tokens a second (258 per frame at 1 fps, plus audio). */
const VIDEO_TOKENS_PER_SECOND = 263;

const ROOT = path.join(import.meta.dirname, '..');

async function costOf(name: string, file: string, screens: number | undefined) {
  const probe = await probeVideo(file);
  const dir = await workDir(`model-cost-${name}`);
  const engine = createOcrEngine();
  const keyframes = await readVideo(file, path.join(dir, 'keyframes'), { ...DEFAULT_KEYFRAME_SETTINGS, contactSheet: false }, (image, signal) =>
    engine.recognizeRgb(image, signal),
  ).finally(() => engine.close());
  const sent = await Promise.all(keyframes.keyframes.map((k) => scaledImageFile(k.path, 2048)));
  const vaiderBytes = sent.reduce((sum, s) => sum + s.bytes, 0);
  const vaiderTokens = sent.reduce((sum, s) => sum + imageTokens(s.width, s.height), 0);

  const naiveDir = path.join(dir, 'fps1');
  await rm(naiveDir, { recursive: true, force: true });
  await workDir(`model-cost-${name}/fps1`);
  await ffmpeg(['-i', file, '-vf', 'fps=1', '-q:v', '3', path.join(naiveDir, '%04d.jpg')]);
  const naiveFiles = await readdir(naiveDir);
  const naiveBytes = (await Promise.all(naiveFiles.map((f) => stat(path.join(naiveDir, f))))).reduce((sum, s) => sum + s.size, 0);
  const naiveTokens = naiveFiles.length * imageTokens(probe.width, probe.height);

  const videoBytes = (await stat(file)).size;
  const videoTokens = Math.round(probe.duration * VIDEO_TOKENS_PER_SECOND);
  const lost = screens === undefined ? 'n/a' : String(screens - keyframes.keyframes.length >= 0 ? Math.max(0, screens - keyframes.keyframes.length) : 0);
  return {
    row: `| ${name} (${probe.duration.toFixed(0)} s) | ${sent.length} images, ${Math.round(vaiderBytes / 1024)} KiB, ~${vaiderTokens} tokens | ${naiveFiles.length} images, ${Math.round(naiveBytes / 1024)} KiB, ~${naiveTokens} tokens | ${Math.round(videoBytes / 1024)} KiB, ~${videoTokens} tokens | ${(naiveTokens / vaiderTokens).toFixed(1)}× | ${lost} |`,
  };
}

/** Cache-hit latency of a model-backed analysis, against a local fake OpenAI server. */
async function cacheLatency(): Promise<{ miss: number; hit: number }> {
  const server = await startFakeOpenAI({ apiKey: 'bench-key', models: ['gpt-4o-mini'] });
  const dir = await workDir('model-cache');
  await rm(path.join(dir, '.vaider'), { recursive: true, force: true });
  const clip = (await benchVideo(10, 4)).file;
  const config = loadConfig({
    cwd: dir,
    env: {},
    overrides: { allowed_roots: [dir, path.dirname(clip)], store_dir: path.join(dir, '.vaider'), vision: { provider: 'openai', escalation: 'always', openai: { base_url: `${server.url}/v1` } } },
  });
  const vaider = await openVaider(config, { env: { OPENAI_API_KEY: 'bench-key' } });
  const answer = () => {
    server.answer(JSON.stringify({ summary: 'bench', steps: [] }));
    server.answer(JSON.stringify({ results: [{ index: 0, status: 'pass', confidence: 0.9, evidence_keyframe: 1, evidence_time: null, explanation: 'ok' }] }));
  };
  answer();
  await vaider.analyze({ input: clip, expectations: ['the header is blue'] });
  let first = true;
  const miss = await medianMs(3, async () => {
    if (!first) answer();
    first = false;
    answer();
    await vaider.analyze({ input: clip, expectations: ['the header is blue'], noCache: true });
  });
  const hit = await medianMs(3, () => vaider.analyze({ input: clip, expectations: ['the header is blue'] }));
  await vaider.close();
  await server.close();
  return { miss, hit };
}

export async function modelCostBench(): Promise<string[]> {
  const rows = [
    await costOf('sample login.webm', path.join(ROOT, 'test-output-sample', 'login.webm'), 3),
    await costOf('UI clip, 4 screens', (await benchVideo(10, 4)).file, 4),
    await costOf('UI video, 12 screens', (await benchVideo(60, 12)).file, 12),
  ];
  const latency = await cacheLatency();
  return [
    '### What a model is sent per video: Vaider’s keyframes vs one frame a second vs the whole video',
    '',
    'Image tokens by OpenAI’s high-detail rule; video tokens at Gemini’s ~263 per second.',
    '',
    '| video | Vaider keyframes | 1 fps | whole video | fewer image tokens than 1 fps | screens lost |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => r.row),
    '',
    `Model-backed analysis of the 10 s clip (fake OpenAI server on loopback): ${ms(latency.miss)} asking the model, ${ms(latency.hit)} from the response cache (includes keyframe extraction, which the cache does not skip).`,
    '',
  ];
}
