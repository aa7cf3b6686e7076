/**
 * Decides, after the page pass, which crops of regions of the page's own lightness (left in the page
 * image, see page-image.ts) are still worth reading. When confident page words already span a region's
 * ink, its crop would only be read a second time.
 */
import type { OcrLine } from '../../screen/ocr-text.js';
import { containsCentre, coversWithin, unionBox } from '../../screen/box.js';
import type { InkedRegion } from './region-ink.js';

/** Page words this sure are trusted to have read the region; weaker ones are re-read from the crop. */
const CONFIDENT_WORD = 0.8;

export function pageAlreadyRead(ink: InkedRegion, pageLines: readonly OcrLine[]): boolean {
  const words = pageLines
    .flatMap((line) => line.words)
    .filter((word) => word.confidence >= CONFIDENT_WORD && containsCentre(ink.region.box, word.box));
  if (words.length === 0) return false;
  // Word boxes hug the glyphs as the ink box does; the slack absorbs anti-aliased fringes and accents.
  const slack = 4 + Math.round(ink.box.height * 0.1);
  return coversWithin(unionBox(words.map((word) => word.box)), ink.box, slack);
}
