import { targetPhrase } from '../screen/target-phrase.js';

/**
 * How sure a healed selector is, 0..1. The element is judged by what a person would see:
 *   evidence   = 0.55 × visual (the ElementMatch confidence: the described element was seen on screen)
 *              + 0.45 × text   (the description's name, "Sign In", against what the element says);
 *   confidence = evidence + 0.5 × attribute × (1 − evidence)
 * where attribute compares the old selector's names with the candidate's (`#login-btn` ~ `#signin-btn`).
 * Attribute similarity only closes part of the remaining gap, never lowers the score: a rename is
 * exactly what healing repairs, so a new name must not sink an element the screen and text agree on;
 * it does rank the candidates of one element, so the renamed id beats an unrelated test id.
 */
export const CONFIDENCE_WEIGHTS = { visual: 0.55, text: 0.45, attributeGapShare: 0.5 } as const;

export interface ConfidenceInputs {
  visual: number;
  description: string;
  elementText: string;
  /** The selector that failed; without one there is nothing to compare names with. */
  oldSelector: string | undefined;
  selector: string;
}

export function healingConfidence(inputs: ConfidenceInputs): number {
  const text = textSimilarity(targetPhrase(inputs.description).phrase, inputs.elementText);
  const evidence = CONFIDENCE_WEIGHTS.visual * clamp(inputs.visual) + CONFIDENCE_WEIGHTS.text * text;
  const attribute = inputs.oldSelector === undefined ? 0 : attributeSimilarity(inputs.oldSelector, inputs.selector);
  return Number(clamp(evidence + CONFIDENCE_WEIGHTS.attributeGapShare * attribute * (1 - evidence)).toFixed(3));
}

/** 1 for the same words (case and spacing aside), else the Dice overlap of letter pairs. */
export function textSimilarity(a: string, b: string): number {
  const left = normalise(a);
  const right = normalise(b);
  if (!left || !right) return 0;
  if (left === right) return 1;
  return dice(left, right);
}

/** Compares the names a selector carries (ids, classes, attribute values), not its punctuation. */
export function attributeSimilarity(oldSelector: string, candidate: string): number {
  return dice(names(oldSelector), names(candidate));
}

function names(selector: string): string {
  const values = [...selector.matchAll(/=\s*"([^"]*)"|=\s*'([^']*)'|[#.]([\w-]+)|text=(.*)$/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return normalise(values.join(' '));
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

function dice(a: string, b: string): number {
  const pairs = (s: string) => {
    const counts = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) counts.set(s.slice(i, i + 2), (counts.get(s.slice(i, i + 2)) ?? 0) + 1);
    return counts;
  };
  const left = pairs(a);
  const right = pairs(b);
  let shared = 0;
  for (const [pair, count] of left) shared += Math.min(count, right.get(pair) ?? 0);
  const total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
  return total === 0 ? 0 : (2 * shared) / total;
}

function clamp(n: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(n) ? n : 0));
}
