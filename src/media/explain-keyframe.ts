import type { KeyframeReason } from './keyframe-types.js';

const WORDS: Record<KeyframeReason, string> = {
  first: 'the first frame',
  text: 'the last moment some text was on screen before it changed',
  settled: 'the screen held steady',
  last: 'the last frame',
};

/** Why a keyframe was saved, in words; `leaving` names the text that was about to go. */
export function explainKeyframe(reasons: KeyframeReason[], start: number, end: number, changeScore: number, leaving: string[] = []): string {
  const held = `on screen ${start.toFixed(2)}–${end.toFixed(2)} s`;
  const change = reasons.includes('first') ? '' : `, ${(changeScore * 100).toFixed(1)}% of the screen changed`;
  const going = reasons.includes('text') && leaving.length > 0 ? `: ${leaving.slice(0, 3).map((t) => `'${t}'`).join(', ')}${leaving.length > 3 ? ` and ${leaving.length - 3} more` : ''}` : '';
  return `${reasons.map((r) => WORDS[r]).join('; ')}${going} (${held}${change})`;
}
