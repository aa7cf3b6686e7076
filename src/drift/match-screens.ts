import { hammingDistance } from '../media/perceptual-hash.js';

export interface ScreenPairing {
  /** [current index, baseline index] pairs, in order. */
  pairs: Array<[number, number]>;
  /** Current screens with no baseline screen: added. */
  added: number[];
  /** Baseline screens with no current screen: removed. */
  removed: number[];
}

/** Below this perceptual similarity two screens are different screens, not one screen changed. */
const SAME_SCREEN = 0.7;

const similarity = (a: string, b: string) => 1 - hammingDistance(a, b) / 64;

/**
 * Matches a video's keyframes to its baseline's by order and look: the order-preserving pairing with
 * the greatest total perceptual similarity (an alignment, as diff does for lines), pairs below
 * SAME_SCREEN excluded. What is left over was added or removed.
 */
export function matchScreens(current: string[], baseline: string[]): ScreenPairing {
  const n = current.length;
  const m = baseline.length;
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = similarity(current[i]!, baseline[j]!);
      const pair = s >= SAME_SCREEN ? s + best[i + 1]![j + 1]! : -Infinity;
      best[i]![j] = Math.max(pair, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = similarity(current[i]!, baseline[j]!);
    if (s >= SAME_SCREEN && best[i]![j] === s + best[i + 1]![j + 1]!) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (best[i + 1]![j]! >= best[i]![j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  const pairedCurrent = new Set(pairs.map(([c]) => c));
  const pairedBaseline = new Set(pairs.map(([, b]) => b));
  return {
    pairs,
    added: current.map((_, k) => k).filter((k) => !pairedCurrent.has(k)),
    removed: baseline.map((_, k) => k).filter((k) => !pairedBaseline.has(k)),
  };
}
