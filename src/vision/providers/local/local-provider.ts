import { stat } from 'node:fs/promises';
import type { VaiderRules } from '../../../config/schema.js';
import { createOcrEngine } from '../../ocr/ocr-engine.js';
import { verifyExpectations } from '../../expectations/verify-expectations.js';
import { findPhrase } from '../../text-match.js';
import type { CallContext, ElementMatch, FrameRef, OcrResult, VisionProvider } from '../../types.js';
import { describeFrames } from './describe-frames.js';
import { elementTypeOf } from './element-type.js';
import { perceptualEmbedding } from './perceptual-hash.js';
import { targetPhrase } from './target-phrase.js';

type LocalOptions = VaiderRules['vision']['local'];

/**
 * The offline default: OCR (tesseract, with a pass for light text on coloured regions) plus image
 * analysis. It reads text and judges text; it answers `uncertain` for colour, layout and icons,
 * which only a model can see.
 */
export function createLocalProvider(options: LocalOptions): VisionProvider {
  const engine = createOcrEngine({ workers: options.ocr_workers, minConfidence: options.min_word_confidence });
  // Describe and verify look at the same keyframes; read each once. Keyed by size and mtime so a
  // rewritten file is read again.
  const cache = new Map<string, Promise<OcrResult>>();

  async function ocr(imagePath: string, ctx: CallContext = {}): Promise<OcrResult> {
    const info = await stat(imagePath);
    const key = `${imagePath}:${info.size}:${info.mtimeMs}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = engine.recognize(imagePath, ctx.signal);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  }

  async function ocrFrames(frames: FrameRef[], ctx: CallContext): Promise<OcrResult[]> {
    let done = 0;
    return Promise.all(
      frames.map(async (frame) => {
        const result = await ocr(frame.path, ctx);
        ctx.onProgress?.(++done, frames.length);
        return result;
      }),
    );
  }

  return {
    id: 'local',
    capabilities: { nativeVideo: false, structuredOutput: true, readsText: true, judgesVisualStyle: false },

    async describe(frames, ctx = {}) {
      return describeFrames(frames, await ocrFrames(frames, ctx));
    },

    async verify(frames, expectations, ctx = {}) {
      const { observations } = describeFrames(frames, await ocrFrames(frames, ctx));
      return verifyExpectations(expectations, observations);
    },

    ocr,

    async findElement(imagePath, target, ctx = {}): Promise<ElementMatch | null> {
      const result = await ocr(imagePath, ctx);
      const { phrase, wantsButton } = targetPhrase(target);
      if (!phrase) return null;
      const match = findPhrase(result.lines, phrase);
      if (!match) return null;
      const type = elementTypeOf(match.line, result.width);
      // A region line is the whole button: its box is what a click should aim at.
      const box = type === 'button' && match.line.region ? match.line.region : match.box;
      const wordConfidence = match.words.reduce((sum, w) => sum + w.confidence, 0) / Math.max(1, match.words.length);
      const typePenalty = wantsButton && type !== 'button' ? 0.85 : 1;
      return {
        box,
        center: { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) },
        confidence: Number((match.score * wordConfidence * typePenalty).toFixed(3)),
        type,
        text: match.text,
      };
    },

    embed: (imagePath) => perceptualEmbedding(imagePath),

    async close() {
      cache.clear();
      await engine.close();
    },
  };
}
