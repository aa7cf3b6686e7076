import type { Box } from './box.js';

/** Text read off a screen, as every reader of it (OCR, the timeline, drift, models' prompts) shares it. */

export interface OcrWord {
  text: string;
  /** 0..1 */
  confidence: number;
  box: Box;
}

export interface OcrLine {
  text: string;
  /** 0..1, the mean of its words */
  confidence: number;
  box: Box;
  words: OcrWord[];
  /**
   * Where the line was read: `page` from the whole image, `region` from a crop of a coloured
   * region (a button, a banner), which is how light-on-dark text gets read.
   */
  source: 'page' | 'region';
  /** For `region` lines: the coloured region the text sits on. */
  region?: Box;
}

export interface OcrResult {
  width: number;
  height: number;
  /** All lines, top to bottom, joined with newlines. */
  text: string;
  lines: OcrLine[];
  /**
   * Places that plainly hold text that could not be read: ink shaped like a line of text with no word
   * read over it. A claim that something is absent cannot be settled while such a place is on screen.
   */
  illegible?: Box[];
}
