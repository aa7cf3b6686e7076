import type { KeyframeReason } from './settle-detector.js';

const WORDS: Record<KeyframeReason, string> = {
  first: 'the first frame',
  settled: 'the screen held steady',
  unsettled: 'the screen kept changing; this is its longest-held moment',
  last: 'the last frame',
};

export function explainKeyframe(reasons: KeyframeReason[], start: number, end: number, changeScore: number): string {
  const held = `on screen ${start.toFixed(2)}–${end.toFixed(2)} s`;
  const change = reasons.includes('first') ? '' : `, ${(changeScore * 100).toFixed(1)}% of the screen changed`;
  return `${reasons.map((r) => WORDS[r]).join('; ')} (${held}${change})`;
}
