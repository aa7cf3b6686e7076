import { normalizeText, type TextMatch } from '../text-match.js';
import type { Evidence, FrameObservation } from '../types.js';

/** Pieces of the one-sentence explanations: moments, quoted text, evidence. */

export function moment(observation: FrameObservation): string {
  return `${observation.frame.time.toFixed(1)} s (keyframe ${observation.frame.index + 1})`;
}

export function quote(text: string): string {
  return `'${text}'`;
}

/** " (read as 'We1come Alice')" when OCR's text differs from the phrase beyond normalisation. */
export function readAs(match: TextMatch, phrase: string): string {
  return normalizeText(match.text) === normalizeText(phrase) ? '' : ` (read as ${quote(match.text)})`;
}

export function evidenceAt(observation: FrameObservation, match?: TextMatch | null): Evidence {
  const { index, time, path } = observation.frame;
  return match ? { frameIndex: index, time, path, box: match.box } : { frameIndex: index, time, path };
}

/** Joins clause explanations into one sentence: capitalised, ending in a full stop. */
export function sentence(parts: string[]): string {
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}
