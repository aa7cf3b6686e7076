/** Converts tesseract's block tree into OcrLines in page pixels, keeping only words worth reporting. */
import type { Bbox, Page } from 'tesseract.js';
import { unionBox, type Box } from '../../screen/box.js';
import type { OcrLine, OcrWord } from '../../screen/ocr-text.js';
import type { CropPlacement } from './region-crop.js';
import { keptWords, type WordPolicy } from './word-filter.js';

export interface LineSource extends WordPolicy {
  /** How the recognised image (a page band or a region crop) maps onto the page. */
  placement: CropPlacement;
  /** The coloured region a crop was taken from; marks the lines as read from a region. */
  region?: Box;
  /** Page size, to clamp boxes. */
  pageWidth: number;
  pageHeight: number;
}

function toPageBox(bbox: Bbox, source: LineSource): Box {
  const { left, top, scale, padding } = source.placement;
  const clampX = (x: number): number => Math.min(source.pageWidth, Math.max(0, Math.round(left + (x - padding) / scale)));
  const clampY = (y: number): number => Math.min(source.pageHeight, Math.max(0, Math.round(top + (y - padding) / scale)));
  const x = clampX(bbox.x0);
  const y = clampY(bbox.y0);
  return { x, y, width: clampX(bbox.x1) - x, height: clampY(bbox.y1) - y };
}

/**
 * Lines keep only the words worth reporting (see word-filter.ts); their box spans those words and their
 * confidence is the words' mean, so a line is not dragged down or stretched by the garbage dropped from it.
 */
export function linesFromPage(page: Page, source: LineSource): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words: OcrWord[] = keptWords(line.words, source).map(({ word, text, confidence }) => ({
          text,
          confidence,
          box: toPageBox(word.bbox, source),
        }));
        if (words.length === 0) continue;
        lines.push({
          text: words.map((word) => word.text).join(' '),
          confidence: words.reduce((sum, word) => sum + word.confidence, 0) / words.length,
          box: unionBox(words.map((word) => word.box)),
          words,
          source: source.region ? 'region' : 'page',
          ...(source.region ? { region: source.region } : {}),
        });
      }
    }
  }
  return lines;
}
