import { containsCentre, intersectionArea, type Box } from '../screen/box.js';
import type { OcrLine, OcrResult } from '../screen/ocr-text.js';
import type { IgnoreRegion, PixelComparison } from './drift-types.js';
import { comparePixels } from './pixel-diff.js';
import { driftSeverity, type DriftSeverity } from './severity.js';
import { diffText, type TextDiff } from './text-diff.js';

/**
 * Two screens compared, the one way Vaider does it (`vaider diff`, drift against a baseline, a vision
 * provider's offline `compare`): pixels (perceptual colour with anti-aliasing detection, SSIM, changed
 * regions, a diff image), the text of both diffed, and how much it matters.
 */

export interface ScreenFileComparison {
  pixels: PixelComparison;
  /** The text read on each screen; null when no pixel changed, so no text can have. */
  before: OcrResult | null;
  after: OcrResult | null;
  text: TextDiff;
  severity: DriftSeverity;
  severityReason: string;
  /** Changed regions with the text of the second screen inside each. */
  regions: Array<{ box: Box; areaShare: number; text: string[] }>;
  /** What changed, in words: a size change, text that appeared or went. */
  changes: string[];
}

export interface CompareFilesOptions {
  /** OCR of one screen: whatever provider reads text. */
  ocr: (file: string) => Promise<OcrResult>;
  ignoreRegions?: IgnoreRegion[];
  maskPath?: string;
  /** Perceptual colour threshold 0..1 (default 0.1). */
  threshold?: number;
}

/** Text touching an ignored area changes by nature (a clock): it is not drift. */
function outside(lines: OcrLine[], ignored: readonly Box[]): OcrLine[] {
  return lines.filter((line) => !ignored.some((box) => intersectionArea(line.box, box) > 0));
}

function changeWords(pixels: PixelComparison, text: TextDiff): string[] {
  const changes = [
    ...[...text.added, ...text.changed.map((c) => ({ text: c.after }))].map((t) => `Text appeared: '${t.text}'`),
    ...[...text.removed, ...text.changed.map((c) => ({ text: c.before }))].map((t) => `Text disappeared: '${t.text}'`),
  ];
  if (pixels.sizeChange) {
    const { from, to } = pixels.sizeChange;
    changes.unshift(`Size changed: ${from.width}×${from.height} → ${to.width}×${to.height}`);
  }
  return changes;
}

export async function compareScreenFiles(before: string, after: string, options: CompareFilesOptions): Promise<ScreenFileComparison> {
  const ignored = options.ignoreRegions ?? [];
  const pixels = await comparePixels(before, after, {
    ...(options.threshold !== undefined && { threshold: options.threshold }),
    ignoreRegions: ignored,
    ...(options.maskPath && { maskPath: options.maskPath }),
  });
  // Reading is most of the cost (starting OCR workers included), and screens equal to the pixel say
  // nothing new in words: the pixels come first and are the whole answer when nothing changed.
  const unchanged = pixels.changedPixels === 0 && !pixels.sizeChange;
  const [textBefore, textAfter] = unchanged ? [null, null] : await Promise.all([options.ocr(before), options.ocr(after)]);
  const linesBefore = outside(textBefore?.lines ?? [], ignored);
  const linesAfter = outside(textAfter?.lines ?? [], ignored);
  const text = diffText(linesBefore, linesAfter);
  const { severity, reason } = driftSeverity({ pixels, text, baselineLines: linesBefore.length });
  return {
    pixels,
    before: textBefore,
    after: textAfter,
    text,
    severity,
    severityReason: reason,
    regions: pixels.regions.map((r) => ({ box: r.box, areaShare: r.areaShare, text: linesAfter.filter((l) => containsCentre(r.box, l.box)).map((l) => l.text) })),
    changes: changeWords(pixels, text),
  };
}
