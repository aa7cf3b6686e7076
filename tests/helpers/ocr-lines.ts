import type { OcrLine } from '../../src/screen/ocr-text.js';

/** A line of OCR words laid out left to right, 10 px per character, with one confidence for all. */
export function line(text: string, { x = 0, y = 10, confidence = 0.95 } = {}): OcrLine {
  let left = x;
  const words = text.split(' ').map((word) => {
    const box = { x: left, y, width: word.length * 10, height: 20 };
    left += word.length * 10 + 10;
    return { text: word, confidence, box };
  });
  return { text, confidence, box: { x, y, width: left - 10 - x, height: 20 }, words, source: 'page' };
}
