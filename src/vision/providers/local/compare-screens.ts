import { comparePixels } from '../../../drift/pixel-diff.js';
import { diffText } from '../../../drift/text-diff.js';
import type { OcrResult, ScreenComparison } from '../../types.js';

/**
 * The offline comparison, on the same layers as `vaider diff`: the drift pixel layer (perceptual
 * colour, anti-aliasing ignored) says where, OCR says which text came and went.
 */
export async function compareScreens(before: string, after: string, ocr: (file: string) => Promise<OcrResult>): Promise<ScreenComparison> {
  const [pixels, textBefore, textAfter] = await Promise.all([comparePixels(before, after), ocr(before), ocr(after)]);
  const text = diffText(textBefore.lines, textAfter.lines);
  const changes = [
    ...[...text.added, ...text.changed.map((c) => ({ text: c.after }))].map((t) => `Text appeared: '${t.text}'`),
    ...[...text.removed, ...text.changed.map((c) => ({ text: c.before }))].map((t) => `Text disappeared: '${t.text}'`),
  ];
  if (pixels.sizeChange) {
    const { from, to } = pixels.sizeChange;
    changes.unshift(`Size changed: ${from.width}×${from.height} → ${to.width}×${to.height}`);
  }
  return { similarity: pixels.pixelSimilarity, regions: pixels.regions.map((r) => r.box), changes };
}
