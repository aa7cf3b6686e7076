import { stat } from 'node:fs/promises';
import type { VaiderRules } from '../../../config/schema.js';
import { createOcrEngine } from '../../ocr/ocr-engine.js';
import { judgeExpectations, verdictFromResults, withEvidenceFrames } from '../../expectations/verify-expectations.js';
import { findPhraseMatches, type TextMatch } from '../../../screen/text-match.js';
import type { CallContext, VisionProvider } from '../../types.js';
import { elementTypeOf, type ElementMatch } from '../../../screen/element.js';
import type { OcrResult } from '../../../screen/ocr-text.js';
import { compareScreenFiles } from '../../../drift/compare-screens.js';
import { describeTimeline } from './describe-timeline.js';
import { perceptualEmbedding } from '../../../media/perceptual-hash.js';
import { targetPhrase } from '../../../screen/target-phrase.js';

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

  return {
    id: 'local',
    capabilities: { nativeVideo: false, structuredOutput: true, readsText: true, judgesVisualStyle: false },

    // Both judge the text timeline, read while the video was decoded: nothing is read again here.
    async describe(evidence) {
      return describeTimeline(evidence.timeline, evidence.frames);
    },

    async verify(evidence, expectations) {
      return verdictFromResults(await withEvidenceFrames(judgeExpectations(expectations, evidence.timeline), evidence.frameAt));
    },

    ocr,
    ocrFrame: (image, ctx = {}) => engine.recognizeRgb(image, ctx.signal),

    async findElement(imagePath, target, ctx = {}): Promise<ElementMatch | null> {
      const result = await ocr(imagePath, ctx);
      const { phrase, wantsButton } = targetPhrase(target);
      if (!phrase) return null;
      // "Sign In" is also the start of "Sign in to continue": prefer the element the text fills,
      // and a button when a button was asked for.
      const rank = (m: TextMatch) => {
        const typeFit = wantsButton && elementTypeOf(m.line, result.width) !== 'button' ? 0.85 : 1;
        const coverage = m.words.length / Math.max(1, m.line.words.length);
        return m.score * typeFit * (0.8 + 0.2 * coverage);
      };
      const best = findPhraseMatches(result.lines, phrase).sort((a, b) => rank(b) - rank(a))[0];
      if (!best) return null;
      const type = elementTypeOf(best.line, result.width);
      // A region line is the whole button: its box is what a click should aim at.
      const box = type === 'button' && best.line.region ? best.line.region : best.box;
      const wordConfidence = best.words.reduce((sum, w) => sum + w.confidence, 0) / Math.max(1, best.words.length);
      return {
        box,
        center: { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) },
        confidence: Number((rank(best) * wordConfidence).toFixed(3)),
        type,
        text: best.text,
      };
    },

    embed: (imagePath) => perceptualEmbedding(imagePath),

    // The offline comparison is `vaider diff`'s: where from the pixels, what from the text.
    async compare(before, after, ctx = {}) {
      const compared = await compareScreenFiles(before, after, { ocr: (file) => ocr(file, ctx) });
      return { similarity: compared.pixels.pixelSimilarity, regions: compared.pixels.regions.map((r) => r.box), changes: compared.changes };
    },

    async close() {
      cache.clear();
      await engine.close();
    },
  };
}
