import { intersectionArea } from '../../../screen/box.js';
import { elementTypeOf } from '../../../screen/element.js';
import { normalizeText } from '../../../screen/text-match.js';
import type { TextState, TextTimeline } from '../../timeline/text-timeline.js';
import type { Description, DescriptionStep, FrameObservation, FrameRef } from '../../types.js';
import type { OcrLine } from '../../../screen/ocr-text.js';

/**
 * What happened, in words, from the text timeline: a step whenever the text on screen changed. Runs of
 * small changes at one place (typing, a counter, a clock) are told as one step with where they ended.
 */

const MAX_QUOTED = 6;
/** Long recordings are summarised: this many steps, then a count of the rest. */
const MAX_STEPS = 60;

function quote(texts: string[]): string {
  const shown = texts.slice(0, MAX_QUOTED).map((t) => `'${t}'`);
  const more = texts.length > MAX_QUOTED ? ` and ${texts.length - MAX_QUOTED} more` : '';
  return shown.join(', ') + more;
}

function lineTexts(lines: readonly OcrLine[]): string[] {
  return [...new Set(lines.map((l) => l.text.trim()).filter(Boolean))];
}

/** One sentence about a screen: its text, and which of it is on buttons and bars. */
export function summariseScreen(lines: readonly OcrLine[], width: number): string {
  const texts = lineTexts(lines);
  if (texts.length === 0) return 'No readable text.';
  const buttons = lines.filter((l) => elementTypeOf(l, width) === 'button').map((l) => l.text);
  const banners = lines.filter((l) => elementTypeOf(l, width) === 'banner').map((l) => l.text);
  const parts = [`Text: ${quote(texts)}.`];
  if (buttons.length) parts.push(`Buttons: ${quote(buttons)}.`);
  if (banners.length) parts.push(`Bars or banners: ${quote(banners)}.`);
  return parts.join(' ');
}

interface TextChange {
  appeared: OcrLine[];
  gone: OcrLine[];
}

function textChange(before: TextState, after: TextState): TextChange {
  const keys = (lines: readonly OcrLine[]) => new Set(lines.map((l) => normalizeText(l.text)));
  const was = keys(before.lines);
  const is = keys(after.lines);
  return {
    appeared: after.lines.filter((l) => !was.has(normalizeText(l.text))),
    gone: before.lines.filter((l) => !is.has(normalizeText(l.text))),
  };
}

/** A few lines replaced at their own places: an edit in place rather than a new screen. */
function isEdit(change: TextChange): boolean {
  return (
    change.appeared.length > 0 &&
    change.appeared.length <= 2 &&
    change.gone.length === change.appeared.length &&
    change.appeared.every((line) => change.gone.some((gone) => intersectionArea(gone.box, line.box) > 0))
  );
}

function changeText(change: TextChange, before: TextState): string {
  const appeared = lineTexts(change.appeared);
  const gone = lineTexts(change.gone);
  const parts: string[] = [];
  if (appeared.length) parts.push(`${quote(appeared)} appeared`);
  if (gone.length) parts.push(`${quote(gone)} disappeared`);
  if (parts.length === 0) return 'The screen changed, but its readable text stayed the same.';
  const replaced = gone.length > 0 && appeared.length > 0 && gone.length >= lineTexts(before.lines).length * 0.6;
  return (replaced ? 'A new screen: ' : '') + parts.join('; ') + '.';
}

interface DraftStep extends DescriptionStep {
  /** Set while a run of edits at one place grows: where, the first text, and how many changes. */
  edit?: { place: OcrLine['box']; from: string; count: number };
}

function stepFor(state: TextState, text: string): DraftStep {
  return { time: state.start, frameIndex: state.keyframe, text };
}

function describeSteps(timeline: TextTimeline): DescriptionStep[] {
  const { states } = timeline;
  const first = states[0];
  if (!first) return [];
  const opening = lineTexts(first.lines);
  const steps: DraftStep[] = [stepFor(first, opening.length ? `The screen shows ${quote(opening)}.` : 'The screen shows no readable text.')];
  for (let i = 1; i < states.length; i++) {
    const before = states[i - 1]!;
    const state = states[i]!;
    if (state.read === 'unread') {
      if (before.read !== 'unread') steps.push(stepFor(state, 'From here the text on screen was not read (time budget).'));
      continue;
    }
    const change = textChange(before, state);
    if (change.appeared.length === 0 && change.gone.length === 0) continue;
    const previous = steps.at(-1)!;
    if (isEdit(change)) {
      const now = change.appeared[0]!;
      if (previous.edit && intersectionArea(previous.edit.place, now.box) > 0) {
        previous.edit.count++;
        previous.text = `'${previous.edit.from}' changed ${previous.edit.count} times, to '${now.text}' at ${state.start.toFixed(2)} s.`;
        continue;
      }
      const from = change.gone[0]!.text;
      steps.push({ ...stepFor(state, `'${from}' became '${now.text}'.`), edit: { place: now.box, from, count: 1 } });
      continue;
    }
    steps.push(stepFor(state, changeText(change, before)));
  }
  const described = steps.map(({ time, frameIndex, text }) => ({ time, frameIndex, text }));
  if (described.length <= MAX_STEPS) return described;
  const head = described.slice(0, MAX_STEPS - 10);
  const tail = described.slice(-9);
  const skipped = described.length - head.length - tail.length;
  const gap = { time: described[head.length]!.time, frameIndex: null, text: `… ${skipped} more changes, in text-timeline.json.` };
  return [...head, gap, ...tail];
}

function firstText(state: TextState | undefined): string | undefined {
  return state ? lineTexts(state.lines)[0] : undefined;
}

/** Steps from the timeline; observations of the keyframes, for models and people. */
export function describeTimeline(timeline: TextTimeline, frames: FrameRef[]): Description {
  const observations: FrameObservation[] = frames.map((frame) => {
    const state = timeline.states.find((s) => s.keyframe === frame.index) ?? timeline.states.findLast((s) => s.start <= frame.time);
    const lines = state?.lines ?? [];
    return { frame, lines, summary: summariseScreen(lines, frame.width) };
  });
  const textStates = timeline.states.filter((s) => s.lines.length > 0);
  const first = firstText(textStates[0]);
  const last = firstText(textStates.at(-1));
  const changes = timeline.states.length - 1;
  const summary =
    timeline.states.length === 0
      ? 'Nothing to describe.'
      : timeline.duration === 0
        ? (observations[0]?.summary ?? summariseScreen(timeline.states[0]!.lines, 0))
        : `${timeline.duration.toFixed(1)} s, the text on screen changed ${changes} time${changes === 1 ? '' : 's'}` +
          (first ? `, starting on '${first}'` : '') +
          (last && changes > 0 ? `, ending on '${last}'` : '') +
          '.';
  return { summary, steps: describeSteps(timeline), observations };
}
