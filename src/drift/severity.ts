import { ERROR_TERMS } from '../screen/error-vocabulary.js';
import type { PixelComparison } from './drift-types.js';
import type { TextDiff } from './text-diff.js';

/** The severities, least to most: the order `worstSeverity` and every schema use. */
export const DRIFT_SEVERITIES = ['none', 'cosmetic', 'structural', 'functional', 'critical'] as const;
export type DriftSeverity = (typeof DRIFT_SEVERITIES)[number];

/** Whether `severity` is `limit` or worse (`--fail-on-drift`). */
export function atLeast(severity: DriftSeverity, limit: DriftSeverity): boolean {
  return DRIFT_SEVERITIES.indexOf(severity) >= DRIFT_SEVERITIES.indexOf(limit);
}

export function worstSeverity(a: DriftSeverity, b: DriftSeverity): DriftSeverity {
  return DRIFT_SEVERITIES.indexOf(a) >= DRIFT_SEVERITIES.indexOf(b) ? a : b;
}

export interface SeverityInput {
  pixels: Pick<PixelComparison, 'changedPixels' | 'pixelSimilarity' | 'regions' | 'sizeChange' | 'ssim'>;
  text: TextDiff;
  /** Lines of text on the baseline screen. */
  baselineLines: number;
}

/**
 * Below this structural similarity, little of the baseline's layout is left: with its text changed too,
 * another page stands where the screen was (an error page), not the same screen reworded.
 */
const LAYOUT_GONE_SSIM = 0.6;

/** Regions smaller than this share of the screen are detail (a 1 px shift, a tweaked shade). */
const COSMETIC_AREA = 0.005;

const isErrorText = (text: string) => {
  const lower = text.toLowerCase();
  return ERROR_TERMS.some((term) => lower.includes(term));
};

/**
 * How much a drift matters, first rule that holds (documented in docs/drift.md):
 * - critical: the screen did not render: at least 80% of the baseline's lines are gone (no line read in
 *   their place: a blank screen, or another page), or gone or changed with little of its layout left
 *   (SSIM below 0.6). A word changed on a screen that otherwise stands ("Welcome, Alice" → "Welcome,
 *   Alicia") is functional;
 * - functional: text changed, appeared or disappeared, an error message included, or a button relabelled;
 * - structural: no text changed, but a region of at least 0.5% of the screen did, or the size changed;
 * - cosmetic: only changes smaller than that (a 1 px shift, anti-aliasing, a shade);
 * - none: no pixel changed beyond the threshold.
 */
export function driftSeverity({ pixels, text, baselineLines }: SeverityInput): { severity: DriftSeverity; reason: string } {
  const gone = text.removed.length;
  const lost = gone + text.changed.length;
  if (baselineLines > 0 && gone / baselineLines >= 0.8) {
    // Said as it is: a blank screen (nothing, or a stray mark, read instead) or another page.
    const instead = text.added.length + text.changed.length;
    const what = instead * 2 >= gone ? `, ${instead} other line(s) read instead: another page is in its place` : ': the screen did not render';
    return { severity: 'critical', reason: `${gone} of ${baselineLines} lines of text are gone${what}.` };
  }
  if (baselineLines > 0 && lost / baselineLines >= 0.8 && pixels.ssim < LAYOUT_GONE_SSIM) {
    return { severity: 'critical', reason: `${lost} of ${baselineLines} lines of text are gone or changed, and little of the layout is left (SSIM ${pixels.ssim.toFixed(2)}).` };
  }
  const errors = text.added.filter((a) => isErrorText(a.text)).map((a) => `'${a.text}'`);
  if (errors.length) return { severity: 'functional', reason: `An error message appeared: ${errors.join(', ')}.` };
  if (text.changed.length) {
    return { severity: 'functional', reason: `Text changed: ${text.changed.map((c) => `'${c.before}' → '${c.after}'`).join(', ')}.` };
  }
  if (text.added.length || text.removed.length) {
    return { severity: 'functional', reason: `Text appeared or disappeared (${text.added.length} added, ${text.removed.length} removed).` };
  }
  if (pixels.sizeChange) return { severity: 'structural', reason: 'The screen size changed.' };
  const big = pixels.regions.filter((r) => r.box.width * r.box.height > 0 && r.areaShare >= COSMETIC_AREA);
  if (big.length) return { severity: 'structural', reason: `${big.length} region(s) changed without a change of text: layout or colour.` };
  if (pixels.changedPixels > 0) return { severity: 'cosmetic', reason: 'Only small pixel changes, no text changed.' };
  return { severity: 'none', reason: 'No difference beyond the threshold.' };
}
