/**
 * Where a coloured region's soft edge lies: its snapped box stops where the edge rows and columns are
 * mostly fill, so the rounded ends of a pill and the anti-aliased (on video, smeared) rim of a button lie
 * just outside it, as blends of the fill and the page.
 */
import type { Box } from '../../screen/box.js';
import type { RgbImage } from './rgb-image.js';

/** The farthest a region's soft edge reaches beyond its box: a pill's end, a card's rounded corner. */
const MAX_SOFT_EDGE = 24;
/** Above and below the box, the rim is this deep. */
const RIM = 2;

/** The box grown by its soft edge: half its height to the sides, where a pill's ends are, RIM above and below. */
export function softEdgeReach(image: RgbImage, box: Box): { left: number; top: number; right: number; bottom: number } {
  const side = Math.min(MAX_SOFT_EDGE, Math.ceil(box.height / 2) + 1);
  return {
    left: Math.max(0, box.x - side),
    right: Math.min(image.width, box.x + box.width + side),
    top: Math.max(0, box.y - RIM),
    bottom: Math.min(image.height, box.y + box.height + RIM),
  };
}
