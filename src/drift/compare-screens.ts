import { area, containsCentre, intersectionArea, type Box } from '../screen/box.js';
import type { OcrLine, OcrResult } from '../screen/ocr-text.js';
import type { IgnoreRegion, PixelComparison } from './drift-types.js';
import { ignoreMap } from './ignore-map.js';
import { readImageSize } from './load-rgba.js';
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

/** A line at least this much inside ignored areas is left out: what it says changes by nature (a clock). */
const HIDDEN_LINE = 0.5;

/**
 * What ignore regions and the mask hide, as a share of a box on the current screen (0..1); null when
 * nothing is ignored. In the screen's own pixels, not the scaled compared ones: OCR boxes are in those.
 */
async function hiddenShare(current: string, regions: IgnoreRegion[], maskPath: string | undefined): Promise<((box: Box) => number) | null> {
  if (regions.length === 0 && maskPath === undefined) return null;
  const size = await readImageSize(current);
  const map = await ignoreMap({ regions, ...(maskPath !== undefined && { maskPath }), scale: 1, currentScaled: size }, size.width, size.height);
  if (!map) return null;
  return (box) => {
    const x0 = Math.max(0, Math.floor(box.x));
    const y0 = Math.max(0, Math.floor(box.y));
    const x1 = Math.min(size.width, Math.ceil(box.x + box.width));
    const y1 = Math.min(size.height, Math.ceil(box.y + box.height));
    let hidden = 0;
    for (let y = y0; y < y1; y++) {
      for (let i = y * size.width + x0, end = y * size.width + x1; i < end; i++) hidden += map[i]!;
    }
    return hidden / Math.max(1, area(box));
  };
}

/**
 * Whether the pixels under a box changed: it overlaps a changed region (ignored and anti-aliased pixels
 * are in none), or lies partly beyond the compared area (a screen that grew).
 */
function pixelsChangedUnder(pixels: PixelComparison): (box: Box) => boolean {
  return (box) => {
    const scaled = { x: box.x * pixels.scale, y: box.y * pixels.scale, width: box.width * pixels.scale, height: box.height * pixels.scale };
    if (scaled.x + scaled.width > pixels.width || scaled.y + scaled.height > pixels.height) return true;
    return pixels.regions.some((r) => intersectionArea(r.box, scaled) > 0);
  };
}

/**
 * The lines whose text may have changed: those over changed pixels, on either screen (a label cut
 * short, "Delete all" → "Del", changed pixels past the shorter line only). A line over pixels that
 * stayed the same did not change, whatever OCR read there this time: a page read again reads some
 * lines differently (a caret blinking in CodeMirror made line 9 read 'tind{start history'), and a
 * line whose only change is inside an ignored area ('Updated 10:04', the time ignored) did not
 * change either.
 */
function linesInPlay(pixels: PixelComparison, before: OcrLine[], after: OcrLine[]): [OcrLine[], OcrLine[]] {
  const changedUnder = pixelsChangedUnder(pixels);
  const changedBefore = before.filter((l) => changedUnder(l.box));
  const changedAfter = after.filter((l) => changedUnder(l.box));
  const near = (line: OcrLine, others: OcrLine[]) => others.some((o) => intersectionArea(o.box, line.box) > 0);
  return [
    before.filter((l) => changedBefore.includes(l) || near(l, changedAfter)),
    after.filter((l) => changedAfter.includes(l) || near(l, changedBefore)),
  ];
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
  const [textBefore, textAfter, hidden] = unchanged
    ? [null, null, null]
    : await Promise.all([options.ocr(before), options.ocr(after), hiddenShare(after, ignored, options.maskPath)]);
  // Ignore regions and the mask hide the text under them as they hide its pixels.
  const shown = (lines: OcrLine[]) => (hidden ? lines.filter((line) => hidden(line.box) < HIDDEN_LINE) : lines);
  const linesBefore = shown(textBefore?.lines ?? []);
  const linesAfter = shown(textAfter?.lines ?? []);
  const text = diffText(...linesInPlay(pixels, linesBefore, linesAfter));
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
