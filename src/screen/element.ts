import type { Box } from './box.js';
import type { OcrLine } from './ocr-text.js';

export type ElementType = 'button' | 'text' | 'banner' | 'input' | 'unknown';

export interface ElementMatch {
  box: Box;
  center: { x: number; y: number };
  confidence: number;
  type: ElementType;
  text: string;
}

/**
 * A guess from where a line sits: text read from a compact coloured region is a button, from a
 * region spanning most of the width a banner or bar, otherwise plain text. Used only to describe,
 * never to decide a verdict.
 */
export function elementTypeOf(line: OcrLine, pageWidth: number): ElementType {
  if (line.source !== 'region' || !line.region) return 'text';
  if (line.region.width >= pageWidth * 0.5) return 'banner';
  if (line.region.height <= 120) return 'button';
  return 'text';
}
