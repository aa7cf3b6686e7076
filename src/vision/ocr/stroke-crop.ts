/**
 * Draws a run of unread ink by its strokes alone, against whatever lies around them: the last try on
 * text whose background changes under it. A translucent button fading in over a game board has the
 * board's tiles and gaps showing through it, so that the letters of "Keep going" stand on orange above a
 * tile's edge and on grey below it. No flat colour votes for those blends (see local-background.ts), so
 * the grey half of the button comes out as ink joined to the letters; and against the colour above
 * and below each column (see column-crop.ts) the whole button is ink, with the letters as holes in it.
 *
 * A stroke is thinner than the areas of background around it: a grey opening (the darkest value in a
 * window wider than a stroke, then the lightest in such a window around that) takes light strokes away
 * and leaves the background, however many colours it has; what the opening took away is the ink (a
 * "top-hat"). Dark strokes likewise, with a closing. Which of the two the text is, is not known: both
 * are drawn, and the surer reading is kept (see second-pass.ts).
 */
import { cropBox, placeCrop, TARGET_LINE_HEIGHT } from './ink-crop.js';
import type { RegionCrop } from './region-crop.js';
import type { RgbImage } from './rgb-image.js';
import type { UnreadInk } from './unread-ink.js';

export type Polarity = 'light' | 'dark';

/**
 * The window is this share of the run's line height, at least MIN_WINDOW: wider than a stroke even in
 * bold text, narrower than the background between lines of text and the edges of what shows through.
 */
const WINDOW_SHARE = 0.25;
const MIN_WINDOW = 3;
/**
 * The ink is black from the strength that STRONGEST_SHARE of the crop's pixels stay under (at least
 * MIN_INK), and white below NOISE_SHARE of it: faint edges of what shows through, and video noise.
 */
const STRONGEST_SHARE = 0.98;
const MIN_INK = 20;
const NOISE_SHARE = 0.3;
/** A row holds the text when it has at least this share of the inkiest row's ink. */
const TEXT_ROW_SHARE = 0.1;

/**
 * Over a width × height plane, each value becomes the extreme (`pick`) of those within `radius` of it
 * along one axis.
 */
function filterLine(values: Float32Array, width: number, height: number, radius: number, pick: (a: number, b: number) => number, axis: 'row' | 'column'): Float32Array {
  const stride = axis === 'row' ? 1 : width;
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = axis === 'row' ? x : y;
      const length = axis === 'row' ? width : height;
      const i = y * width + x;
      let extreme = values[i]!;
      for (let d = Math.max(0, at - radius); d <= Math.min(length - 1, at + radius); d++) extreme = pick(extreme, values[i + (d - at) * stride]!);
      out[i] = extreme;
    }
  }
  return out;
}

/** The extreme within a square of side 2 × radius + 1: along rows, then along columns (the square is separable). */
function filterSquare(values: Float32Array, width: number, height: number, radius: number, pick: (a: number, b: number) => number): Float32Array {
  return filterLine(filterLine(values, width, height, radius, pick, 'row'), width, height, radius, pick, 'column');
}

/** Per channel, how far each pixel stands out of the opening (light) or under the closing (dark); their RGB length. */
function strokeStrength(image: RgbImage, crop: { x: number; y: number; width: number; height: number }, radius: number, polarity: Polarity): Float32Array {
  const { width, height } = crop;
  const strength = new Float32Array(width * height);
  const [first, second] = polarity === 'light' ? [Math.min, Math.max] : [Math.max, Math.min];
  for (let k = 0; k < 3; k++) {
    const channel = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) channel[y * width + x] = image.data[((crop.y + y) * image.width + crop.x + x) * 3 + k]!;
    }
    const background = filterSquare(filterSquare(channel, width, height, radius, first), width, height, radius, second);
    for (let p = 0; p < strength.length; p++) strength[p]! += (channel[p]! - background[p]!) ** 2;
  }
  return strength.map(Math.sqrt);
}

/** The height of the tallest band of rows holding the text's ink: its line height, whatever else the run held. */
function textHeight(grey: Float32Array, width: number, height: number): number {
  const rows = Array.from({ length: height }, (_, y) => {
    let ink = 0;
    for (let x = 0; x < width; x++) ink += 255 - grey[y * width + x]!;
    return ink;
  });
  const threshold = TEXT_ROW_SHARE * Math.max(...rows);
  let tallest = 0, band = 0;
  for (const ink of rows) {
    band = ink > 0 && ink >= threshold ? band + 1 : 0;
    tallest = Math.max(tallest, band);
  }
  return Math.max(1, tallest);
}

export function cropStrokes(image: RgbImage, unread: UnreadInk, polarity: Polarity): RegionCrop {
  const crop = cropBox(image, unread);
  const window = Math.max(MIN_WINDOW, Math.round(WINDOW_SHARE * unread.lineHeight));
  const strength = strokeStrength(image, crop, Math.floor(window / 2), polarity);
  const sorted = Float32Array.from(strength).sort();
  const strongest = Math.max(MIN_INK, sorted[Math.floor(STRONGEST_SHARE * (sorted.length - 1))]!);
  const noise = NOISE_SHARE * strongest;
  const grey = strength.map((value) => 255 * (1 - Math.min(1, Math.max(0, value - noise) / (strongest - noise))));
  // The run's line may be far taller than its text (a button's edge joined to it): scale by the text.
  const lineHeight = textHeight(grey, crop.width, crop.height);
  return placeCrop(grey, crop, { ...unread, lineHeight }, TARGET_LINE_HEIGHT);
}
