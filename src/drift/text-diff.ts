import { area, intersectionArea, type Box } from '../screen/box.js';
import { normalizeText, textSimilarity } from '../screen/text-match.js';
import type { OcrLine } from '../screen/ocr-text.js';

export interface TextChange {
  before: string;
  after: string;
  box: Box;
}

export interface TextDiff {
  added: Array<{ text: string; box: Box }>;
  removed: Array<{ text: string; box: Box }>;
  /** A line that kept its place but not its words: a relabelled button, a changed count. */
  changed: TextChange[];
}

/** Sharing at least 30% of the smaller box: the same place on screen. */
const overlaps = (a: Box, b: Box) => intersectionArea(a, b) >= 0.3 * Math.min(area(a), area(b));

/** The box a line occupies as an element: its coloured region (a button) when it sits on one. */
const placeOf = (line: OcrLine): Box => line.region ?? line.box;

/**
 * OCR of both screens, diffed: lines read on both (loosely, OCR slips aside) are unchanged; a line gone
 * and another come in the same place is a change; the rest were added or removed.
 */
export function diffText(before: OcrLine[], after: OcrLine[]): TextDiff {
  const same = (a: OcrLine, b: OcrLine) => textSimilarity(normalizeText(a.text), normalizeText(b.text)) >= 0.9;
  const gone = before.filter((b) => !after.some((a) => same(a, b)));
  const come = after.filter((a) => !before.some((b) => same(a, b)));
  const changed: TextChange[] = [];
  const added = [...come];
  const removed: OcrLine[] = [];
  for (const old of gone) {
    const at = added.findIndex((line) => overlaps(placeOf(old), placeOf(line)));
    if (at >= 0) {
      const [line] = added.splice(at, 1);
      changed.push({ before: old.text, after: line!.text, box: placeOf(line!) });
    } else {
      removed.push(old);
    }
  }
  return {
    added: added.map((l) => ({ text: l.text, box: placeOf(l) })),
    removed: removed.map((l) => ({ text: l.text, box: placeOf(l) })),
    changed,
  };
}
