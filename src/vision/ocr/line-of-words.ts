import type { OcrLine, OcrWord } from '../../screen/ocr-text.js';
import { unionBox } from '../../screen/box.js';

/** `line` holding `words` instead, left to right: text, box and confidence (the words' mean) follow. */
export function lineOfWords(line: OcrLine, words: readonly OcrWord[]): OcrLine {
  const sorted = [...words].sort((a, b) => a.box.x - b.box.x);
  return {
    ...line,
    text: sorted.map((word) => word.text).join(' '),
    confidence: sorted.reduce((sum, word) => sum + word.confidence, 0) / sorted.length,
    box: unionBox(sorted.map((word) => word.box)),
    words: sorted,
  };
}
