/** Sends images to the tesseract pool and maps the lines read back onto the page. */
import { PSM } from 'tesseract.js';
import type { Box } from '../../screen/box.js';
import type { OcrLine } from '../../screen/ocr-text.js';
import { encodePgm, type GreyImage } from './grey-image.js';
import type { CropPlacement } from './region-crop.js';
import type { RgbImage } from './rgb-image.js';
import { linesFromPage } from './tesseract-lines.js';
import type { TesseractPool } from './tesseract-pool.js';
import type { WordPolicy } from './word-filter.js';

/** One image sent to tesseract, and where its boxes go on the page. */
export interface Piece {
  image: GreyImage;
  placement: CropPlacement;
  /** Set for crops: the area the crop was taken from. */
  region?: Box;
  /**
   * Default: sparse text, as a GUI is scattered labels, not a column of prose (the automatic modes join
   * a sidebar item, a subject and a date on one row into one line). A crop of one line is read as one:
   * sparse mode drops a lone character such as a 2048 tile's "8".
   */
  mode?: PSM;
  /** How words are kept beyond the engine's minimum confidence (see word-filter.ts). */
  policy?: Omit<WordPolicy, 'minConfidence'>;
}

export interface Recognition {
  pool: TesseractPool;
  image: RgbImage;
  minConfidence: number;
  signal: AbortSignal | undefined;
}

/** The lines of each piece, in the pieces' order, read across the pool as far as it has free workers. */
export function readPieces({ pool, image, minConfidence, signal }: Recognition, pieces: readonly Piece[]): Promise<OcrLine[][]> {
  return Promise.all(
    pieces.map(async ({ image: pieceImage, placement, region, mode = PSM.SPARSE_TEXT, policy }) =>
      linesFromPage(await pool.recognize(encodePgm(pieceImage), mode, signal), {
        ...policy,
        minConfidence,
        placement,
        region,
        pageWidth: image.width,
        pageHeight: image.height,
      }),
    ),
  );
}
