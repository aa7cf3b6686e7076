import type { Description, DescriptionStep, FrameObservation, FrameRef, OcrLine, OcrResult } from '../../types.js';
import { elementTypeOf } from '../../element-type.js';

const MAX_QUOTED = 6;

function quote(texts: string[]): string {
  const shown = texts.slice(0, MAX_QUOTED).map((t) => `'${t}'`);
  const more = texts.length > MAX_QUOTED ? ` and ${texts.length - MAX_QUOTED} more` : '';
  return shown.join(', ') + more;
}

function lineTexts(lines: OcrLine[]): string[] {
  return [...new Set(lines.map((l) => l.text.trim()).filter(Boolean))];
}

function summarise(ocr: OcrResult): string {
  const buttons = ocr.lines.filter((l) => elementTypeOf(l, ocr.width) === 'button').map((l) => l.text);
  const banners = ocr.lines.filter((l) => elementTypeOf(l, ocr.width) === 'banner').map((l) => l.text);
  const texts = lineTexts(ocr.lines);
  if (texts.length === 0) return 'No readable text.';
  const parts = [`Text: ${quote(texts)}.`];
  if (buttons.length) parts.push(`Buttons: ${quote(buttons)}.`);
  if (banners.length) parts.push(`Bars or banners: ${quote(banners)}.`);
  return parts.join(' ');
}

function stepText(previous: FrameObservation | undefined, current: FrameObservation): string {
  const now = lineTexts(current.lines);
  if (!previous) return now.length ? `The screen shows ${quote(now)}.` : 'The screen shows no readable text.';
  const before = new Set(lineTexts(previous.lines).map((t) => t.toLowerCase()));
  const after = new Set(now.map((t) => t.toLowerCase()));
  const appeared = now.filter((t) => !before.has(t.toLowerCase()));
  const gone = lineTexts(previous.lines).filter((t) => !after.has(t.toLowerCase()));
  const parts: string[] = [];
  if (appeared.length) parts.push(`${quote(appeared)} appeared`);
  if (gone.length) parts.push(`${quote(gone)} disappeared`);
  if (parts.length === 0) return 'The screen changed, but its readable text stayed the same.';
  const replaced = gone.length > 0 && appeared.length > 0 && gone.length >= before.size * 0.6;
  return (replaced ? 'A new screen: ' : '') + parts.join('; ') + '.';
}

/** A step per keyframe, in words, from the text each one shows and what changed since the last. */
export function describeFrames(frames: FrameRef[], ocr: OcrResult[]): Description {
  const observations: FrameObservation[] = frames.map((frame, i) => ({
    frame,
    lines: ocr[i]!.lines,
    summary: summarise(ocr[i]!),
  }));
  const steps: DescriptionStep[] = observations.map((obs, i) => ({
    time: obs.frame.time,
    frameIndex: obs.frame.index,
    text: stepText(observations[i - 1], obs),
  }));
  const first = lineTexts(observations[0]?.lines ?? [])[0];
  const last = lineTexts(observations.at(-1)?.lines ?? [])[0];
  const span = frames.length > 1 ? ` over ${frames.at(-1)!.time.toFixed(1)} s` : '';
  const summary =
    frames.length === 0
      ? 'Nothing to describe.'
      : `${frames.length} screen${frames.length === 1 ? '' : 's'}${span}` +
        (first ? `, starting on '${first}'` : '') +
        (last && frames.length > 1 ? `, ending on '${last}'` : '') +
        '.';
  return { summary, steps, observations };
}
