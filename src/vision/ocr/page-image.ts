/**
 * The page as tesseract's page pass sees it: one light background with dark text everywhere.
 *
 * Tesseract binarises a page with one global threshold. A second background shade (a dark sidebar on a
 * dark page) pulls that threshold between the two shades, and every word on the sidebar vanishes into
 * a black slab. So each coloured region is rewritten: one whose lightness matches the page's has its
 * fill turned into the page background and its ink darkened by colour distance, and is read here; one
 * of the opposite lightness (a blue button on a white page) is blanked, as it is read from its crop.
 * Faint shades and thin rules and frames (see thin-rules.ts) go too.
 */
import type { Box } from '../../screen/box.js';
import { softEdgeReach } from './soft-edge.js';
import { darkPageLightness, pageGrey, type GreyImage } from './grey-image.js';
import { fillAt } from './region-fill.js';
import { inkOnWhite, type RegionInk } from './region-ink.js';
import { eraseRules } from './thin-rules.js';
import { distanceToBlendSquared, luminance, type RgbImage } from './rgb-image.js';
import type { ColourRegion, PageLayout } from './text-regions.js';

/** Below this luma a colour counts as dark. */
const DARK = 128;

/** A dark-theme page is read negated, so its text is dark on light like everywhere else. */
export function isDarkTheme(layout: PageLayout): boolean {
  return luminance(layout.background) < DARK;
}

/** A region of the opposite lightness to the page: its text is the page pass's blind spot. */
export function isOppositeToPage(region: ColourRegion, layout: PageLayout): boolean {
  return luminance(region.fill) < DARK !== isDarkTheme(layout);
}

/**
 * Grey levels this close to the background are background. Shades that differ more are regions,
 * flattened below; fainter ones (a #e8e8e8 sidebar on white) would still split tesseract's threshold
 * where there is little text to outweigh them, and black out the words on them.
 */
const SHADE_CONTRAST = 32;

/** Colours this close to a blend of a region's fill and the page background are the region's soft edge. */
const BLEND_DISTANCE = 24;

/**
 * A region's box stops where its edge columns are mostly fill, so the rounded ends of a pill badge lie
 * outside it; left in the page image they read as "(" and ")" around the label. Around the box (half its
 * height to the sides, where a pill's ends are, and two pixels above and below), pixels that blend the
 * fill into the page background become background.
 */
function eraseSoftEdges(page: GreyImage, image: RgbImage, region: ColourRegion, layout: PageLayout, grey: number): void {
  const { box } = region;
  const { left, top, right, bottom } = softEdgeReach(image, box);
  const limit = BLEND_DISTANCE * BLEND_DISTANCE;
  for (let y = top; y < bottom; y++) {
    const insideRows = y >= box.y && y < box.y + box.height;
    for (let x = left; x < right; x++) {
      // Inside the box, skip to its right edge: only the ring around it is looked at.
      if (insideRows && x === box.x) x = box.x + box.width;
      if (x >= right) break;
      if (distanceToBlendSquared(image.data, (y * image.width + x) * 3, fillAt(region, x, y), layout.background) > limit) continue;
      page.data[y * page.width + x] = grey;
    }
  }
}

function paste(page: GreyImage, box: Box, inkOnWhite: Float32Array, background: number): void {
  const scale = background / 255;
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      page.data[(box.y + y) * page.width + box.x + x] = Math.round(inkOnWhite[y * box.width + x]! * scale);
    }
  }
}

/** `inks` are the layout's regions' inks, in the layout's order. */
export function pageImage(image: RgbImage, layout: PageLayout, inks: readonly RegionInk[]): GreyImage {
  const darkTheme = isDarkTheme(layout);
  const background = Math.round(darkTheme ? 255 - darkPageLightness(layout.background) : luminance(layout.background));
  const page = pageGrey(image, darkTheme, background - SHADE_CONTRAST, background);
  // Largest first, so a button drawn on a dialog is rewritten after the dialog, not erased by it.
  for (const ink of inks) {
    const { region } = ink;
    const { box } = region;
    eraseSoftEdges(page, image, region, layout, background);
    if (isOppositeToPage(region, layout)) {
      for (let y = box.y; y < box.y + box.height; y++) {
        page.data.fill(background, y * page.width + box.x, y * page.width + box.x + box.width);
      }
    } else {
      paste(page, box, inkOnWhite(image, ink, box), background);
    }
  }
  eraseRules(page, background);
  return page;
}
