/**
 * Builds the text timeline as the video streams: each sampled frame is compared with the frame whose
 * text was last read; a caret blink or a known animation changes nothing; any other change is read
 * (in full after a big change, else only where it changed, the rest carried over) and starts a new
 * state when the text changed or the screen visibly did. Keyframes are chosen on the way.
 */
import type { SampledFrame } from '../../media/sample-changed-frames.js';
import { intersectionArea, type Box } from '../../screen/box.js';
import { readingOrder } from '../ocr/merge-lines.js';
import type { OcrLine } from '../../screen/ocr-text.js';
import { frameChange, type ChangedPlace } from './frame-change.js';
import { KeyframePicker, type KeyframeChoice, type PickerOptions } from './keyframe-picker.js';
import { readAreas, type FrameReader } from './read-areas.js';
import { normalizeText } from '../../screen/text-match.js';
import { isReplaced, planRead } from './read-plan.js';
import { growAlongRow } from './row-growth.js';
import { SpanTracker } from './span-tracker.js';
import { lastSeen, type CoverageGap, type ReadKind, type TextSpan, type TextState, type TextTimeline, type TimelineCounts } from './text-timeline.js';

export interface TimelineBuilderOptions {
  width: number;
  height: number;
  /** Seconds between sampled frames. */
  sampleInterval: number;
  read: FrameReader;
  picker: Omit<PickerOptions, 'tolerance'>;
  signal?: AbortSignal;
  /** `performance.now()` after which frames are no longer read: the rest of the video becomes a gap. */
  readUntil?: number;
}

export interface BuiltTimeline {
  timeline: TextTimeline;
  /** The frames to save as keyframes, in time order; `TextState.keyframe` indexes into it. */
  keyframes: KeyframeChoice[];
}

/** A change of the screen this big (share of pixels) with the same text is still a new state: a new look. */
const VISUAL_STATE_AREA = 0.003;
/** Once text is no longer read, only changes this big start a new (unread) state, for keyframes' sake. */
const UNREAD_STATE_AREA = 0.05;
/** A place that keeps changing without changing text (a spinner) and is at most this share of the screen is an animation. */
const MAX_ANIMATION_AREA = 0.01;
const ANIMATION_SLACK = 4;

const OUT_OF_TIME = 'the time budget for reading text ran out (analysis_timeout_seconds)';

function sameText(a: readonly OcrLine[], b: readonly OcrLine[]): boolean {
  if (a.length !== b.length) return false;
  const texts = (lines: readonly OcrLine[]) => lines.map((line) => line.text).sort().join('\n');
  return texts(a) === texts(b);
}

/**
 * Illegible places that no line of the state covers. A crop's read can miss a line that the rest of
 * the state has (read before, or by a settle read): then the place is not unread.
 */
function unreadOnly(illegible: readonly Box[], lines: readonly OcrLine[]): Box[] {
  return illegible.filter((box) => !lines.some((line) => intersectionArea(line.box, box) >= 0.5 * box.width * box.height));
}

function within(outer: Box, inner: Box, slack: number): boolean {
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

interface ReadOutcome {
  read: ReadKind;
  lines: OcrLine[];
  illegible: Box[];
}

export class TimelineBuilder {
  readonly #options: TimelineBuilderOptions;
  readonly #states: TextState[] = [];
  readonly #tracker = new SpanTracker();
  readonly #picker: KeyframePicker;
  readonly #counts: TimelineCounts = { sampled: 0, fullReads: 0, partialReads: 0, unchanged: 0, settleReads: 0, unread: 0 };
  /** The frame the current text was read from: every frame is compared with it. */
  #anchor: SampledFrame | undefined;
  /** The latest frame of the current state: the one saved if the state becomes a keyframe. */
  #latest: SampledFrame | undefined;
  /** The frame the current state was opened on. */
  #opening: SampledFrame | undefined;
  /** Places seen changing once without changing text, and those seen twice: animations, not read again. */
  #maybeAnimated: Box[] = [];
  #animated: Box[] = [];
  /** The latest frame differs from the frame last read only inside animations, which were not read. */
  #latestMoving = false;

  constructor(options: TimelineBuilderOptions) {
    this.#options = options;
    this.#picker = new KeyframePicker({ ...options.picker, tolerance: options.sampleInterval });
  }

  async push(frame: SampledFrame): Promise<void> {
    this.#counts.sampled++;
    // Frames identical to the one before are never sampled: a gap means the latest frame held still.
    if (this.#latestMoving && this.#latest && frame.time - this.#latest.time > 1.5 * this.#options.sampleInterval) await this.#take(this.#latest, true);
    await this.#take(frame, false);
  }

  /**
   * `stillFrame`: the frame is known to have stayed on screen, so a change inside a learned animation
   * is content that stayed there (a toast that left the corner where toasts slide in), not motion.
   */
  async #take(frame: SampledFrame, stillFrame: boolean): Promise<void> {
    const current = this.#states.at(-1);
    if (!current || !this.#anchor) {
      await this.#open(frame, await this.#readFull(frame), [], 1);
      return;
    }
    const change = frameChange(this.#anchor, frame, this.#options.width, this.#options.height);
    const changed = change.places.filter((place) => !place.caret);
    const places = stillFrame ? changed : changed.filter((place) => !this.#animated.some((box) => within(box, place.box, ANIMATION_SLACK)));
    this.#latestMoving = places.length < changed.length;
    if (places.length === 0) {
      this.#counts.unchanged++;
      this.#latest = frame;
      return;
    }
    if (this.#outOfTime()) {
      this.#counts.unread++;
      this.#anchor = frame;
      if (current.read !== 'unread' || change.area >= UNREAD_STATE_AREA) {
        await this.#open(frame, { read: 'unread', lines: [], illegible: [] }, places.map((p) => p.box), change.area);
      } else {
        this.#latest = frame;
      }
      return;
    }
    const outcome = await this.#readChange(frame, current, places);
    this.#anchor = frame;
    if (sameText(outcome.lines, current.lines) && change.area < VISUAL_STATE_AREA) {
      if (outcome.read === 'partial') this.#learnAnimation(places);
      this.#latest = frame;
      return;
    }
    await this.#open(frame, outcome, places.map((p) => p.box), change.area);
  }

  /** Ends the last state at `duration` (s) and returns the timeline with its keyframe choices. */
  async finish(duration: number, gaps: CoverageGap[] = []): Promise<BuiltTimeline> {
    // The video's last frame stays on screen to its end.
    if (this.#latestMoving && this.#latest) await this.#take(this.#latest, true);
    const last = this.#states.at(-1);
    if (!last || !this.#latest) {
      return { timeline: { duration, sampleInterval: this.#options.sampleInterval, states: [], spans: [], gaps, counts: this.#counts }, keyframes: [] };
    }
    last.end = Math.max(duration, last.start);
    await this.#settle(last);
    const keyframes = this.#picker.finish(last, this.#latest, this.#tracker.open);
    keyframes.forEach((choice, index) => {
      this.#states[choice.state]!.keyframe = index;
    });
    const timeline: TextTimeline = {
      duration: last.end,
      sampleInterval: this.#options.sampleInterval,
      states: this.#states,
      spans: [],
      gaps: [...this.#unreadGaps(), ...gaps],
      counts: this.#counts,
    };
    timeline.spans = this.#tracker.spans.map((draft): TextSpan => {
      const shownBy = keyframes.find((choice) => choice.state >= draft.firstState && choice.state <= draft.lastState);
      return {
        text: draft.text,
        box: draft.line.box,
        confidence: Number(draft.confidence.toFixed(3)),
        firstSeen: this.#states[draft.firstState]!.start,
        lastSeen: lastSeen(this.#states[draft.lastState]!, timeline),
        firstState: draft.firstState,
        lastState: draft.lastState,
        keyframe: shownBy ? keyframes.indexOf(shownBy) : null,
      };
    });
    return { timeline, keyframes };
  }

  async #readFull(frame: SampledFrame): Promise<ReadOutcome> {
    const { width, height, read, signal } = this.#options;
    const result = await read({ width, height, data: frame.rgb }, signal);
    this.#counts.fullReads++;
    // A new layout: places that were animations may now hold text.
    this.#maybeAnimated = [];
    this.#animated = [];
    return { read: 'full', lines: result.lines, illegible: result.illegible ?? [] };
  }

  async #readChange(frame: SampledFrame, current: TextState, places: ChangedPlace[]): Promise<ReadOutcome> {
    const { width, height, read, signal } = this.#options;
    const anchor = this.#anchor!;
    const plan = planRead(places.map((place) => place.box), current.read === 'unread' ? [] : current.lines, width, height, (box) =>
      growAlongRow(box, [
        { width, height, rgb: frame.rgb },
        { width, height, rgb: anchor.rgb },
      ]),
    );
    if (plan.kind === 'full' || current.read === 'unread') return this.#readFull(frame);
    const fresh = await readAreas({ width, height, data: frame.rgb }, plan.areas, read, signal);
    this.#counts.partialReads++;
    const kept = current.lines.filter((line) => !isReplaced(line, plan.areas));
    const keptIllegible = current.illegible.filter((box) => !plan.areas.some((area) => intersectionArea(area, box) > 0));
    const lines = readingOrder([...kept, ...fresh.lines]);
    return { read: 'partial', lines, illegible: unreadOnly([...keptIllegible, ...fresh.illegible], lines) };
  }

  /** Small places that changed twice without changing text are animations from then on. */
  #learnAnimation(places: ChangedPlace[]): void {
    const { width, height } = this.#options;
    for (const { box } of places) {
      if (box.width * box.height > MAX_ANIMATION_AREA * width * height) continue;
      const seen = this.#maybeAnimated.find((earlier) => intersectionArea(earlier, box) > 0);
      if (!seen) {
        this.#maybeAnimated.push(box);
        continue;
      }
      const x = Math.min(seen.x, box.x);
      const y = Math.min(seen.y, box.y);
      const grown = {
        x,
        y,
        width: Math.max(seen.x + seen.width, box.x + box.width) - x,
        height: Math.max(seen.y + seen.height, box.y + box.height) - y,
      };
      Object.assign(seen, grown);
      if (!this.#animated.includes(seen)) this.#animated.push(seen);
    }
  }

  /**
   * A screen that held still gets one full read of its last frame, once. Reads of a changed place, or
   * of a frame caught mid-fade, miss what a calm read of the whole screen sees (large text on an
   * overlay that faded in, a line cut by the place's edge); what this read adds joins the state.
   */
  async #settle(state: TextState): Promise<void> {
    const latest = this.#latest;
    if (!latest || state.read === 'unread' || this.#outOfTime()) return;
    if (state.end - state.start < this.#options.picker.stableSeconds - this.#options.sampleInterval) return;
    if (state.read === 'full' && latest === this.#opening) return;
    const { width, height, read, signal } = this.#options;
    const result = await read({ width, height, data: latest.rgb }, signal);
    this.#counts.settleReads++;
    const known = new Set(state.lines.map((line) => normalizeText(line.text)));
    const added = result.lines.filter((line) => !known.has(normalizeText(line.text)) && normalizeText(line.text) !== '');
    if (added.length > 0) {
      state.lines = readingOrder([...state.lines, ...added]);
      this.#tracker.add(state, added);
    }
    // What one careful read still cannot make out is illegible; what it reads is not.
    state.illegible = unreadOnly(result.illegible ?? [], state.lines);
  }

  async #open(frame: SampledFrame, outcome: ReadOutcome, changed: Box[], changedArea: number): Promise<void> {
    const previous = this.#states.at(-1);
    if (previous) {
      previous.end = frame.time;
      await this.#settle(previous);
    }
    const state: TextState = {
      index: this.#states.length,
      start: frame.time,
      end: frame.time,
      read: outcome.read,
      lines: outcome.lines,
      illegible: outcome.illegible,
      changed,
      changedArea: Number(changedArea.toFixed(4)),
      keyframe: null,
    };
    const onScreen = this.#tracker.open;
    const leaving = this.#tracker.advance(state);
    if (previous && this.#latest) this.#picker.closeState(previous, this.#latest, onScreen, leaving, previous.end - previous.start);
    this.#states.push(state);
    this.#anchor = frame;
    this.#latest = frame;
    this.#opening = frame;
  }

  #outOfTime(): boolean {
    const { readUntil } = this.#options;
    return readUntil !== undefined && performance.now() > readUntil;
  }

  #unreadGaps(): CoverageGap[] {
    const gaps: CoverageGap[] = [];
    for (const state of this.#states) {
      if (state.read !== 'unread') continue;
      const last = gaps.at(-1);
      if (last && last.end === state.start) last.end = state.end;
      else gaps.push({ start: state.start, end: state.end, reason: OUT_OF_TIME });
    }
    return gaps;
  }
}
