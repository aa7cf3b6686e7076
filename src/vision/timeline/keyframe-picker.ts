/**
 * Chooses the frames to save, by content: every line of text in the timeline should be on at least
 * one saved frame.
 *
 * Lines are intervals of time and a saved frame is a point, so the fewest frames that show every line
 * are found by the classic greedy stab: when a line is about to leave the screen and no saved frame
 * shows it yet, save the last frame it is on; that frame also shows every other line on screen then.
 * This works as the video streams, so only the chosen frames are held in memory. Screens without new
 * text that held still are saved too, with less weight. Over the cap, the frames showing the least
 * (fleeting typed text, counters and clocks weigh a quarter) are the first to go.
 */
import type { SampledFrame } from '../../media/sample-changed-frames.js';
import { changedArea } from '../../media/thumbnail-similarity.js';
import type { SpanDraft } from './span-tracker.js';
import type { TextState } from './text-timeline.js';

export type KeyframeReason = 'first' | 'text' | 'settled' | 'last';

export interface KeyframeChoice {
  state: number;
  frame: SampledFrame;
  reasons: KeyframeReason[];
  /** How much the frame shows that no other saved frame does; first and last are always kept. */
  weight: number;
  /** Text about to leave the screen when the frame was taken: why it was saved. */
  leaving: SpanDraft[];
}

export interface PickerOptions {
  max: number;
  /** A screen without new text that holds this long (s) is saved. */
  stableSeconds: number;
  /** Times are only known to one sample: durations are compared with this much slack (s). */
  tolerance: number;
}

/** Choices beyond the cap kept in memory before the weakest are dropped, so frames need not be re-decoded. */
const CAP_SLACK = 16;
/** A held screen this different from the last saved one (share of thumbnail pixels) is worth saving. */
const MIN_VISUAL_CHANGE = 0.005;
const FLEETING_WEIGHT = 0.25;
const SETTLED_WEIGHT = 0.1;

export class KeyframePicker {
  readonly #options: PickerOptions;
  readonly #choices: KeyframeChoice[] = [];
  readonly #shown = new Set<SpanDraft>();

  constructor(options: PickerOptions) {
    this.#options = options;
  }

  /**
   * A state is over. `onScreen` are the spans it showed, `leaving` those that end with it, `frame` the
   * last frame of it, `held` how long it lasted (s).
   */
  closeState(state: TextState, frame: SampledFrame, onScreen: SpanDraft[], leaving: SpanDraft[], held: number): void {
    const unseen = onScreen.filter((span) => !this.#shown.has(span));
    if (state.index === 0) {
      this.#choose({ state: state.index, frame, reasons: ['first'], weight: Infinity, leaving }, onScreen);
    } else if (leaving.some((span) => !this.#shown.has(span))) {
      const weight = unseen.reduce((sum, span) => sum + (span.inPlace ? FLEETING_WEIGHT : 1), 0);
      this.#choose({ state: state.index, frame, reasons: ['text'], weight, leaving }, onScreen);
    } else if (held >= this.#options.stableSeconds - this.#options.tolerance) {
      const previous = this.#choices.at(-1);
      const change = previous ? changedArea(previous.frame.thumb, frame.thumb) : 1;
      if (change >= MIN_VISUAL_CHANGE) this.#choose({ state: state.index, frame, reasons: ['settled'], weight: SETTLED_WEIGHT + change, leaving }, onScreen);
    }
  }

  /** The final state: always saved. Returns the choices within the cap, in time order. */
  finish(state: TextState, frame: SampledFrame, onScreen: SpanDraft[]): KeyframeChoice[] {
    const previous = this.#choices.at(-1);
    if (previous?.state === state.index) {
      previous.reasons.push('last');
      previous.weight = Infinity;
    } else {
      this.#choose({ state: state.index, frame, reasons: ['last'], weight: Infinity, leaving: onScreen }, onScreen);
    }
    return capChoices(this.#choices, this.#options.max);
  }

  #choose(choice: KeyframeChoice, onScreen: SpanDraft[]): void {
    for (const span of onScreen) this.#shown.add(span);
    this.#choices.push(choice);
    if (this.#choices.length > this.#options.max + CAP_SLACK) {
      const kept = capChoices(this.#choices, this.#options.max);
      this.#choices.splice(0, this.#choices.length, ...kept);
    }
  }
}

/** The first, the last, and the heaviest of the rest (ties to the later one), in time order. */
function capChoices(choices: KeyframeChoice[], max: number): KeyframeChoice[] {
  if (choices.length <= max) return choices;
  const ranked = choices.map((choice, order) => ({ choice, order })).sort((a, b) => b.choice.weight - a.choice.weight || b.order - a.order);
  const keep = new Set(ranked.slice(0, max).map((r) => r.choice));
  return choices.filter((choice) => keep.has(choice));
}
