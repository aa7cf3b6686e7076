/**
 * The offline OCR engine: tesseract on the whole page, plus a read of each coloured region cropped on
 * its own, which is how light text on buttons, banners and header bars gets read at all, plus a second
 * pass over whatever text-like ink is still unread.
 *
 * One call: decode → find the page background and its coloured regions → read the page image (see
 * page-image.ts), cut into one band per worker, and the crops of the regions the page pass cannot or
 * did not read → merge. Meanwhile, on the main thread, find every line of text-like ink on the page
 * (see glyph-lines.ts); what no word covers is read again on its own (see second-pass.ts), and what
 * still reads as nothing is reported as illegible. Nothing starts on import; workers start on the first
 * call and live until close().
 */
import { availableParallelism } from 'node:os';
import { VaiderError } from '../../base/errors.js';
import type { OcrResult } from '../../screen/ocr-text.js';
import { abortReason } from '../../base/abort-reason.js';
import { blockGrid, type BlockGrid } from './block-grid.js';
import { decodeImage } from './decode-image.js';
import { findInkLines, type InkLine } from './glyph-lines.js';
import { pageInk } from './ink-components.js';
import { backgroundMap } from './local-background.js';
import { mergeLines, readingOrder } from './merge-lines.js';
import { pageAlreadyRead } from './page-coverage.js';
import { splitIntoBands, type PageBand } from './page-bands.js';
import { isOppositeToPage, pageImage } from './page-image.js';
import { readPieces, type Piece, type Recognition } from './read-pieces.js';
import { cropRegion } from './region-crop.js';
import { findInk, hasInk, type InkedRegion } from './region-ink.js';
import type { RgbImage } from './rgb-image.js';
import { readUnreadInk } from './second-pass.js';
import { rejoinSplitLine } from './split-words.js';
import { TesseractPool } from './tesseract-pool.js';
import { analyzeLayout, type PageLayout } from './text-regions.js';

export interface OcrEngineOptions {
  /** Tesseract worker threads; default min(2, cores). */
  workers?: number;
  /** 0..1, default 0.5: words below are dropped. */
  minConfidence?: number;
}

export interface OcrEngine {
  /** Reads an image file, or an encoded image (PNG, JPEG...) in a Buffer. Boxes are in the image's pixels. */
  recognize(image: string | Buffer, signal?: AbortSignal): Promise<OcrResult>;
  /**
   * Reads an already decoded frame: the text timeline reads every changed video frame, or just the
   * changed part of it, straight from the decoder's RGB without encoding an image first.
   */
  recognizeRgb(image: RgbImage, signal?: AbortSignal): Promise<OcrResult>;
  /** Stops the workers; recognitions in progress reject with CANCELLED. */
  close(): Promise<void>;
}

function validated(options: OcrEngineOptions): Required<OcrEngineOptions> {
  const workers = options.workers ?? Math.min(2, availableParallelism());
  const minConfidence = options.minConfidence ?? 0.5;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new VaiderError('BAD_ARGUMENT', `OCR workers must be a positive integer, got ${workers}.`, { workers });
  }
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new VaiderError('BAD_ARGUMENT', `OCR minConfidence must be within 0..1, got ${minConfidence}.`, {
      minConfidence,
    });
  }
  return { workers, minConfidence };
}

const bandPiece = (band: PageBand): Piece => ({
  image: band.image,
  placement: { left: 0, top: band.top, scale: 1, padding: 0 },
});

const cropPiece = (image: RgbImage, ink: InkedRegion): Piece => ({ ...cropRegion(image, ink), region: ink.region.box });

/** Resolves on the next turn of the event loop, once pending callbacks (queued jobs, an abort) have run. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The page's lines of ink, found on the main thread while the workers read. Each step waits for the
 * next turn first: the workers pick up their jobs before it starts, and an abort is handled between
 * steps rather than after all of them.
 */
async function inkLinesOf(image: RgbImage, grid: BlockGrid, layout: PageLayout, signal: AbortSignal | undefined): Promise<InkLine[]> {
  const stopped = async (): Promise<boolean> => {
    await nextTurn();
    return signal?.aborted === true;
  };
  if (await stopped()) return [];
  const backgrounds = backgroundMap(image, grid, layout);
  if (await stopped()) return [];
  const layer = pageInk(image, backgrounds);
  return (await stopped()) ? [] : findInkLines(image, backgrounds, layer);
}

async function recognizeDecoded(
  pool: TesseractPool,
  image: RgbImage,
  { workers, minConfidence }: Required<OcrEngineOptions>,
  signal: AbortSignal | undefined,
): Promise<OcrResult> {
  if (signal?.aborted) throw abortReason(signal);
  const recognition: Recognition = { pool, image, minConfidence, signal };

  const grid = blockGrid(image);
  const layout = analyzeLayout(image, grid);
  const inks = layout.regions.map((region) => findInk(image, region));
  // Regions of the opposite lightness to the page are left out of the page image (see pageImage) and
  // their crops are queued right behind the page bands. The others are in the page image; their crops
  // are made and read only when the page pass did not cover their ink.
  const inked = inks.filter(hasInk);
  const opposite = (ink: InkedRegion): boolean => isOppositeToPage(ink.region, layout);
  const read = async (pieces: readonly Piece[]) => (await readPieces(recognition, pieces)).flat();

  const bands = splitIntoBands(pageImage(image, layout, inks), workers);
  const readPage = read(bands.map(bandPiece));
  const readOpposite = read(inked.filter(opposite).map((ink) => cropPiece(image, ink)));
  const readRest = readPage.then((pageLines) => {
    const unread = inked.filter((ink) => !opposite(ink) && !pageAlreadyRead(ink, pageLines));
    return read(unread.map((ink) => cropPiece(image, ink)));
  });
  const [pageLines, oppositeLines, restLines, inkLines] = await Promise.all([
    readPage,
    readOpposite,
    readRest,
    inkLinesOf(image, grid, layout, signal),
  ]);

  const second = await readUnreadInk(recognition, inkLines, mergeLines(pageLines, [...oppositeLines, ...restLines]));
  const lines = readingOrder(second.lines.map(rejoinSplitLine));
  return {
    width: image.width,
    height: image.height,
    text: lines.map((line) => line.text).join('\n'),
    lines,
    illegible: second.illegible,
  };
}

export function createOcrEngine(options: OcrEngineOptions = {}): OcrEngine {
  const settings = validated(options);
  const pool = new TesseractPool(settings.workers);
  return {
    recognize: async (input, signal) => {
      if (signal?.aborted) throw abortReason(signal);
      return recognizeDecoded(pool, await decodeImage(input), settings, signal);
    },
    recognizeRgb: (image, signal) => recognizeDecoded(pool, image, settings, signal),
    close: () => pool.close(),
  };
}
