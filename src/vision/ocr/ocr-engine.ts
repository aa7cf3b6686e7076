/**
 * The offline OCR engine: tesseract on the whole page, plus a read of each coloured region cropped on
 * its own, which is how light text on buttons, banners and header bars gets read at all.
 *
 * One call: decode → find the page background and its coloured regions → read the page image (see
 * page-image.ts), cut into one band per worker, and the crops of the regions the page pass cannot or
 * did not read → merge. Nothing starts on import; workers start on the first call and live until close().
 */
import { availableParallelism } from 'node:os';
import { PSM } from 'tesseract.js';
import { VaiderError } from '../../errors.js';
import type { Box, OcrLine, OcrResult } from '../types.js';
import { abortReason } from '../../util/abort-reason.js';
import { decodeImage } from './decode-image.js';
import { encodePgm, type GreyImage } from './grey-image.js';
import { mergeLines } from './merge-lines.js';
import { pageAlreadyRead } from './page-coverage.js';
import { splitIntoBands, type PageBand } from './page-bands.js';
import { isOppositeToPage, pageImage } from './page-image.js';
import { cropRegion, type CropPlacement } from './region-crop.js';
import { findInk, hasInk, type InkedRegion } from './region-ink.js';
import type { RgbImage } from './rgb-image.js';
import { linesFromPage } from './tesseract-lines.js';
import { TesseractPool } from './tesseract-pool.js';
import { analyseLayout } from './text-regions.js';

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

/**
 * Sparse text: a GUI is scattered labels, not a column of prose. The automatic modes join a sidebar
 * item, a message subject and a date on one row into one line, with one box spanning all three.
 */
const MODE = PSM.SPARSE_TEXT;

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

/** One image sent to tesseract, and where its boxes go on the page. */
interface Piece {
  image: GreyImage;
  placement: CropPlacement;
  /** Set for region crops. */
  region?: Box;
}

interface Recognition {
  pool: TesseractPool;
  image: RgbImage;
  minConfidence: number;
  signal: AbortSignal | undefined;
}

const bandPiece = (band: PageBand): Piece => ({
  image: band.image,
  placement: { left: 0, top: band.top, scale: 1, padding: 0 },
});

const cropPiece = (image: RgbImage, ink: InkedRegion): Piece => ({ ...cropRegion(image, ink), region: ink.region.box });

/** Reads pieces across the pool, in parallel as far as it has free workers. */
async function readPieces({ pool, image, minConfidence, signal }: Recognition, pieces: readonly Piece[]): Promise<OcrLine[]> {
  const perPiece = await Promise.all(
    pieces.map(async ({ image: pieceImage, placement, region }) =>
      linesFromPage(await pool.recognize(encodePgm(pieceImage), MODE, signal), {
        minConfidence,
        placement,
        region,
        pageWidth: image.width,
        pageHeight: image.height,
      }),
    ),
  );
  return perPiece.flat();
}

async function recognizeDecoded(
  pool: TesseractPool,
  image: RgbImage,
  { workers, minConfidence }: Required<OcrEngineOptions>,
  signal: AbortSignal | undefined,
): Promise<OcrResult> {
  if (signal?.aborted) throw abortReason(signal);
  const recognition: Recognition = { pool, image, minConfidence, signal };

  const layout = analyseLayout(image);
  const inks = layout.regions.map((region) => findInk(image, region));
  // Regions of the opposite lightness to the page are left out of the page image (see pageImage) and
  // their crops are queued right behind the page bands. The others are in the page image; their crops
  // are made and read only when the page pass did not cover their ink.
  const inked = inks.filter(hasInk);
  const opposite = (ink: InkedRegion): boolean => isOppositeToPage(ink.region, layout);

  const bands = splitIntoBands(pageImage(image, layout, inks), workers);
  const readPage = readPieces(recognition, bands.map(bandPiece));
  const readOpposite = readPieces(recognition, inked.filter(opposite).map((ink) => cropPiece(image, ink)));
  const readRest = readPage.then((pageLines) => {
    const unread = inked.filter((ink) => !opposite(ink) && !pageAlreadyRead(ink, pageLines));
    return readPieces(recognition, unread.map((ink) => cropPiece(image, ink)));
  });
  const [pageLines, oppositeLines, restLines] = await Promise.all([readPage, readOpposite, readRest]);

  const lines = mergeLines(pageLines, [...oppositeLines, ...restLines]);
  return { width: image.width, height: image.height, text: lines.map((line) => line.text).join('\n'), lines };
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
