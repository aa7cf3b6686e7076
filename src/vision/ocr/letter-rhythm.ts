/**
 * The rhythm of letters: along a line of letters, columns holding the stems alternate with thin ones
 * between the letters. One mark of ink may be several letters run together (small bold text at a low
 * ink distance) or a bar, a shadow or the outline of a pill; only the letters have the rhythm.
 */
import type { Box } from '../../screen/box.js';
import type { InkLabels } from './connected-marks.js';

/** A stroke's columns cross it twice at most this share of the time: anti-aliased ends, a loop. */
const MAX_TWICE_CROSSED = 0.1;

/** The runs of stems in the mark: columns holding over half the ink of its fullest column. */
export function stemRuns(ink: InkLabels, label: number, box: Box): number {
  const { area, labels } = ink;
  const columns = new Int32Array(box.width);
  for (let row = box.y; row < box.y + box.height; row++) {
    for (let column = 0, p = (row - area.y) * area.width + box.x - area.x; column < box.width; column++, p++) {
      if (labels[p] === label) columns[column]!++;
    }
  }
  const half = Math.max(...columns) / 2;
  let runs = 0;
  for (let column = 0; column < box.width; column++) {
    if (columns[column]! > half && (column === 0 || columns[column - 1]! <= half)) runs++;
  }
  return runs;
}

/**
 * Whether the mark is one stroke: nearly every column crosses its ink once, as a wave, a zigzag or a
 * squiggle does. Letters run together have bowls, crossbars and dots, which some columns cross twice.
 */
export function isSingleStroke(ink: InkLabels, label: number, box: Box): boolean {
  const { area, labels } = ink;
  let crossedTwice = 0;
  for (let column = box.x; column < box.x + box.width; column++) {
    let runs = 0, inside = false;
    for (let row = box.y, p = (row - area.y) * area.width + column - area.x; row < box.y + box.height; row++, p += area.width) {
      const on = labels[p] === label;
      if (on && !inside) runs++;
      inside = on;
    }
    if (runs > 1) crossedTwice++;
  }
  return crossedTwice <= MAX_TWICE_CROSSED * box.width;
}
