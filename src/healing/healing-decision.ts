import type { HealingDecision, HealingThresholds } from './healing-types.js';

/**
 * Maps a confidence onto the thresholds. When the screen shows several elements that look the same,
 * no confidence is enough to act alone: the best it gets is a person's review.
 */
export function healingDecision(confidence: number, thresholds: HealingThresholds, lookalikes: number): HealingDecision {
  if (confidence < thresholds.review) return 'failed';
  if (lookalikes > 1) return 'manual_review';
  if (confidence >= thresholds.apply) return 'applied';
  if (confidence >= thresholds.propose) return 'proposed';
  return 'manual_review';
}
