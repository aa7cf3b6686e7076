import path from 'node:path';
import type { Word } from 'tesseract.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { intersectionArea, type Box } from '../src/screen/box.js';
import { blockGrid } from '../src/vision/ocr/block-grid.js';
import { decodeImage } from '../src/vision/ocr/decode-image.js';
import { addGapWords } from '../src/vision/ocr/gap-words.js';
import { findInkLines, type InkLine } from '../src/vision/ocr/glyph-lines.js';
import { pageInk } from '../src/vision/ocr/ink-components.js';
import { backgroundMap } from '../src/vision/ocr/local-background.js';
import type { RgbImage } from '../src/vision/ocr/rgb-image.js';
import { rejoinSplitLine } from '../src/vision/ocr/split-words.js';
import { strikeRows } from '../src/vision/ocr/strike-lines.js';
import { plainlyText, worthReading } from '../src/vision/ocr/text-likeness.js';
import { analyzeLayout } from '../src/vision/ocr/text-regions.js';
import { findUnreadInk, type UnreadInk } from '../src/vision/ocr/unread-ink.js';
import { keptWords } from '../src/vision/ocr/word-filter.js';
import type { OcrLine, OcrWord } from '../src/screen/ocr-text.js';

/** The second pass's parts without tesseract: fast, and exact where the OCR tests must be tolerant. */

const fixture = (name: string): Promise<RgbImage> => decodeImage(path.join(import.meta.dirname, 'fixtures', 'ocr', `${name}.png`));

function inkLines(image: RgbImage): InkLine[] {
  const grid = blockGrid(image);
  const backgrounds = backgroundMap(image, grid, analyzeLayout(image, grid));
  return findInkLines(image, backgrounds, pageInk(image, backgrounds));
}

/** Every run of text-like ink on the screen, as if the first pass had read nothing. */
const allInk = (image: RgbImage): UnreadInk[] => findUnreadInk(inkLines(image), []);

const inside = (inner: Box, outer: Box): boolean => intersectionArea(inner, outer) === inner.width * inner.height;

/** A tesseract word as word-filter.ts sees it: text, confidence 0..100, symbols' confidences. */
function tesseractWord(text: string, confidence: number, letters = confidence): Word {
  return { text, confidence, symbols: [...text].map((symbol) => ({ text: symbol, confidence: letters })) } as unknown as Word;
}

const word = (text: string, x: number, confidence = 0.9, width = 10 * text.length): OcrWord => ({
  text,
  confidence,
  box: { x, y: 100, width, height: 12 },
});

function line(words: OcrWord[]): OcrLine {
  return {
    text: words.map((w) => w.text).join(' '),
    confidence: 0.9,
    box: { x: words[0]!.box.x, y: 100, width: words.at(-1)!.box.x + words.at(-1)!.box.width - words[0]!.box.x, height: 12 },
    words,
    source: 'page',
  };
}

describe('keptWords', () => {
  const texts = (words: Word[], policy: Parameters<typeof keptWords>[1]): string[] => keptWords(words, policy).map((kept) => kept.text);

  it('keeps an unsure word of a confident line, down to a floor, and only if it reads as a word', () => {
    const title = [tesseractWord('Remove', 93), tesseractWord('Zoé', 79), tesseractWord('bérsdottir?', 19)];
    expect(texts(title, { minConfidence: 0.5 })).toEqual(['Remove', 'Zoé', 'bérsdottir?']);
    expect(texts([...title.slice(0, 2), tesseractWord('bérsdottir?', 10)], { minConfidence: 0.5 })).toEqual(['Remove', 'Zoé']);
    expect(texts([...title.slice(0, 2), tesseractWord('|©', 40)], { minConfidence: 0.5 })).toEqual(['Remove', 'Zoé']);
  });

  it('keeps nothing unsure beside a single sure word: a badge beside unread text', () => {
    expect(texts([tesseractWord('PAS', 96), tesseractWord('<rc/utils/format.', 20)], { minConfidence: 0.5 })).toEqual(['PAS']);
  });

  it('trusts sure letters around doubted punctuation only when told to', () => {
    const words = [tesseractWord('checkout.', 0, 99), tesseractWord('kkk', 30, 99)];
    expect(texts(words, { minConfidence: 0.5 })).toEqual([]);
    expect(keptWords(words, { minConfidence: 0.5, trustSureLetters: true }).map((kept) => [kept.text, kept.confidence])).toEqual([
      ['checkout.', 0.85],
    ]);
  });

  it('reads a bar opening a line before a word in lower case as "I", in the last reading only', () => {
    const words = [tesseractWord('|', 85), tesseractWord('am', 92), tesseractWord('a', 96), tesseractWord('toast', 95)];
    expect(texts(words, { minConfidence: 0.5, trustSureLetters: true })).toEqual(['I', 'am', 'a', 'toast']);
    expect(texts(words, { minConfidence: 0.5 })).toEqual(['am', 'a', 'toast']);
    expect(texts([tesseractWord('|', 85), tesseractWord('Docs', 95)], { minConfidence: 0.5, trustSureLetters: true })).toEqual(['Docs']);
  });

  it('asks more of short words when told to', () => {
    expect(texts([tesseractWord('kk', 62)], { minConfidence: 0.5, minShortWordConfidence: 0.8 })).toEqual([]);
    expect(texts([tesseractWord('16', 96)], { minConfidence: 0.5, minShortWordConfidence: 0.8 })).toEqual(['16']);
  });
});

describe('rejoinSplitLine', () => {
  it('rejoins a path split at its dots, not a sentence', () => {
    const path = line([word('src/api/client.', 68, 0.9, 120), word('test.', 192, 0.8, 35), word('ts', 230, 0.6, 14)]);
    expect(rejoinSplitLine(path).words.map((w) => w.text)).toEqual(['src/api/client.test.ts']);
    const sentence = line([word('later.', 100, 0.9, 40), word('You', 148, 0.9, 28)]);
    expect(rejoinSplitLine(sentence).text).toBe('later. You');
  });
});

describe('addGapWords', () => {
  it('puts a word read from a gap into the line it belongs to', () => {
    const [merged] = addGapWords([line([word('expect', 0), word('deep', 200)])], [line([word('(received).toEqual', 70, 0.85, 110)])]);
    expect(merged!.text).toBe('expect (received).toEqual deep');
  });

  it('drops a second reading of words already read, and replaces a poorer one', () => {
    const first = [line([word('Tim', 10, 0.9, 30)])];
    expect(addGapWords(first, [line([word('Tim', 10, 0.95, 30)])])[0]!.text).toBe('Tim');
    expect(addGapWords(first, [line([word('Time:', 10, 0.9, 40)])])[0]!.text).toBe('Time:');
    expect(addGapWords(first, [line([word('Time:', 10, 0.5, 40)])])[0]!.text).toBe('Tim');
  });

  it('replaces a word it spans but for a trailing dot, and keeps the words of one reading on one line', () => {
    const first = [line([word('Ran', 0), word('Tes.', 116, 0.86, 27)])];
    const merged = addGapWords(first, [line([word('changed', 40, 0.95, 70), word('files', 116, 0.96, 21)])]);
    expect(merged.map((l) => l.text)).toEqual(['Ran changed files']);
  });

  it('replaces an unsure reading it spans, and puts a whole run in before a piece of it read alone', () => {
    const unsure = [line([word('You', 0), word('LAZE', 40, 0.53, 40)])];
    expect(addGapWords(unsure, [line([word('win!', 40, 0.85, 40)])])[0]!.text).toBe('You win!');
    const piece = line([word('o', 130, 0.88, 10)]);
    const whole = line([word('You', 0), word('win!', 100, 0.85, 40)]);
    expect(addGapWords([], [piece, whole]).map((l) => l.text)).toEqual(['You win!']);
  });
});

describe('addGapWords over several rows', () => {
  const at = (text: string, confidence: number, x: number, y: number, width: number, height: number): OcrWord => ({ text, confidence, box: { x, y, width, height } });
  const row = (words: OcrWord[]): OcrLine => ({ ...line(words), box: { x: words[0]!.box.x, y: words[0]!.box.y, width: 200, height: 45 } });

  it('replaces a word boxed over two rows, but not a taller word a letter sticks out of', () => {
    const twoRows = [row([at('tests/cart.', 0.87, 98, 26, 114, 32)])];
    expect(addGapWords(twoRows, [row([at('/cart.test.js', 0.85, 161, 34, 116, 17)])]).map((l) => l.text)).toEqual(['/cart.test.js']);
    const pieceOfBang = row([at('o', 0.88, 614, 472, 12, 24)]);
    const whole = row([at('You', 0.94, 398, 447, 100, 42), at('win!', 0.85, 513, 444, 111, 44)]);
    expect(addGapWords([row([at('Ou', 0.81, 438, 458, 48, 24)])], [pieceOfBang, whole]).map((l) => l.text)).toEqual(['You win!']);
  });
});

describe('strikeRows', () => {
  it('finds the line struck through completed to-dos, and none through ordinary text', async () => {
    const [completed, ...ordinary] = await Promise.all(['todomvc-completed', 'login-form', 'table', 'dark-sidebar'].map(fixture));
    expect(inkLines(completed!).flatMap((ink) => ink.glyphs).filter((glyph) => strikeRows(glyph))).toHaveLength(3);
    for (const image of ordinary) expect(inkLines(image).flatMap((ink) => ink.glyphs).filter((glyph) => strikeRows(glyph))).toEqual([]);
  });
});

describe('text-like ink', () => {
  let gameOver: RgbImage;
  let table: RgbImage;
  let loginForm: RgbImage;

  beforeAll(async () => {
    [gameOver, table, loginForm] = await Promise.all([fixture('2048-game-over'), fixture('table'), fixture('login-form')]);
  });

  it('finds white text on 2048\'s translucent overlay as a line of glyphs', () => {
    const text = allInk(gameOver).find((ink) => inside(ink.box, { x: 440, y: 405, width: 400, height: 60 }) && ink.glyphs.length >= 6);
    expect(text, 'no line of glyphs where "Game over!" is').toBeDefined();
    expect(worthReading(gameOver, text!)).toBe(true);
    expect(plainlyText(gameOver, text!)).toBe(true);
  });

  it('takes no star rating, emoji, avatar or icon for text', () => {
    const notText: Box[] = [
      { x: 680, y: 170, width: 90, height: 280 }, // star ratings
      { x: 840, y: 170, width: 90, height: 280 }, // reaction emoji
      { x: 95, y: 165, width: 40, height: 295 }, // avatar photos
      { x: 1120, y: 10, width: 140, height: 100 }, // header and toolbar icons
    ];
    const examined = allInk(table).filter((unread) => notText.some((box) => inside(unread.box, box)));
    expect(examined.length).toBeGreaterThan(10);
    for (const ink of examined) expect(plainlyText(table, ink), JSON.stringify(ink.box)).toBe(false);
  });

  it('takes no photo, password bullets or eye icon for text', () => {
    const notText: Box[] = [
      { x: 0, y: 0, width: 480, height: 720 }, // the photo
      { x: 675, y: 315, width: 490, height: 48 }, // the password field: bullets and the eye icon
    ];
    const examined = allInk(loginForm).filter((unread) => notText.some((box) => inside(unread.box, box)));
    expect(examined.length).toBeGreaterThan(2);
    for (const ink of examined) expect(plainlyText(loginForm, ink), JSON.stringify(ink.box)).toBe(false);
  });
});
