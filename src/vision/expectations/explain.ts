import { normalizeText, type TextMatch } from '../../screen/text-match.js';
import type { EvidenceMoment, ScreenMoment } from './screen-moments.js';

/** Pieces of the one-sentence explanations: moments, quoted text, evidence. */

function seconds(time: number): string {
  return `${time.toFixed(1)} s`;
}

/** "at 1.5 s", "at 1.5–3.9 s", or "on the screenshot". */
export function moment(from: ScreenMoment, to: ScreenMoment = from): string {
  if (from.still) return 'on the screenshot';
  const end = Math.max(from.until, to.until);
  return end - from.start < 0.05 ? `at ${seconds(from.start)}` : `at ${from.start.toFixed(1)}–${seconds(end)}`;
}

export function quote(text: string): string {
  return `'${text}'`;
}

/** " (read as 'We1come Alice')" when OCR's text differs from the phrase beyond normalisation. */
export function readAs(match: TextMatch, phrase: string): string {
  return normalizeText(match.text) === normalizeText(phrase) ? '' : ` (read as ${quote(match.text)})`;
}

export function evidenceAt(from: ScreenMoment, match?: TextMatch | null, to: ScreenMoment = from): EvidenceMoment {
  const evidence: EvidenceMoment = { state: from.index, time: from.start, end: Math.max(from.until, to.until) };
  if (match) evidence.box = match.box;
  return evidence;
}

/** Joins clause explanations into one sentence: capitalised, ending in a full stop. */
export function sentence(parts: string[]): string {
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}
