/**
 * Follows each line of text from state to state: a line that stays (carried over, or read again with
 * the same words at the same place) extends its span; one that goes ends it.
 */
import { intersectionArea } from '../../screen/box.js';
import { normalizeText } from '../../screen/text-match.js';
import type { OcrLine } from '../../screen/ocr-text.js';
import type { TextState } from './text-timeline.js';

export interface SpanDraft {
  text: string;
  line: OcrLine;
  confidence: number;
  firstState: number;
  lastState: number;
  /**
   * It replaced other text at its place in a small change: typing, a counter, a clock. Such text is
   * often fleeting, so it weighs less when the keyframe cap must choose.
   */
  inPlace: boolean;
}

interface OpenSpan {
  draft: SpanDraft;
  key: string;
}

function samePlace(a: OcrLine, b: OcrLine): boolean {
  return intersectionArea(a.box, b.box) > 0;
}

export class SpanTracker {
  #open: OpenSpan[] = [];
  readonly spans: SpanDraft[] = [];

  /** Takes the next state; returns the spans that ended with the state before it. */
  advance(state: TextState): SpanDraft[] {
    const continuing = new Set<OpenSpan>();
    const started: SpanDraft[] = [];
    for (const line of state.lines) {
      const key = normalizeText(line.text);
      const open =
        this.#open.find((o) => !continuing.has(o) && o.draft.line === line) ??
        this.#open.find((o) => !continuing.has(o) && o.key === key && samePlace(o.draft.line, line));
      if (open) {
        continuing.add(open);
        open.draft.lastState = state.index;
        open.draft.line = line;
        open.draft.confidence = Math.max(open.draft.confidence, line.confidence);
        continue;
      }
      const draft: SpanDraft = {
        text: line.text,
        line,
        confidence: line.confidence,
        firstState: state.index,
        lastState: state.index,
        inPlace: false,
      };
      started.push(draft);
      this.spans.push(draft);
      continuing.add({ draft, key });
    }
    const ended = this.#open.filter((o) => !continuing.has(o)).map((o) => o.draft);
    if (state.read === 'partial') {
      for (const draft of started) draft.inPlace = ended.some((gone) => samePlace(gone.line, draft.line));
    }
    this.#open = [...continuing];
    return ended;
  }

  /** Lines found on the current state by a later, better read: spans of their own from this state on. */
  add(state: TextState, lines: readonly OcrLine[]): void {
    for (const line of lines) {
      const draft: SpanDraft = { text: line.text, line, confidence: line.confidence, firstState: state.index, lastState: state.index, inPlace: false };
      this.spans.push(draft);
      this.#open.push({ draft, key: normalizeText(line.text) });
    }
  }

  /** The spans still on screen. */
  get open(): SpanDraft[] {
    return this.#open.map((o) => o.draft);
  }
}
