import type { SampledFrame } from './sample-changed-frames.js';
import { changedArea, tileSimilarity, type Thumbnail } from './thumbnail-similarity.js';

export type KeyframeReason = 'first' | 'settled' | 'unsettled' | 'last';

export interface KeyframeCandidate {
  /** When this screen appeared (s). */
  start: number;
  /** When it was replaced, or the end of the video (s). */
  end: number;
  /** The timestamp of the frame kept for it: the latest frame of the state, the most settled one. */
  frameTime: number;
  /** Share of the screen that differs from the previous keyframe (0..1); 1 for the first. */
  changeScore: number;
  reasons: KeyframeReason[];
  thumb: Thumbnail;
  rgb: Buffer;
}

export interface SettleOptions {
  /** Frames at least this similar to a state's first frame belong to it. */
  similarity: number;
  /** A state that holds this long (video time) has settled. */
  stableMs: number;
  /** Most keyframes returned. */
  max: number;
}

interface State {
  start: number;
  anchor: Thumbnail;
  last: SampledFrame;
}

interface UnsettledStretch {
  start: number;
  end: number;
  best: State;
  bestDuration: number;
}

/** How many candidates beyond `max` may pile up before they are thinned, to bound memory on endless animations. */
const CAP_SLACK = 16;

/**
 * Finds the moments a screen settles. Frames arrive in time order (only the ones that changed);
 * a state is a run of frames similar to its first; a state that held for `stableMs` is a keyframe.
 * The first and last states always are. A stretch that never settles (a spinner, an animation)
 * still yields its longest-held frame, so no period of the video goes unseen.
 */
export class SettleDetector {
  private current: State | undefined;
  private stretch: UnsettledStretch | undefined;
  private readonly kept: KeyframeCandidate[] = [];

  constructor(private readonly options: SettleOptions) {}

  push(frame: SampledFrame): void {
    const state = this.current;
    if (!state) {
      this.current = { start: frame.time, anchor: frame.thumb, last: frame };
      return;
    }
    if (tileSimilarity(state.anchor, frame.thumb) >= this.options.similarity) {
      state.last = frame;
      return;
    }
    this.close(state, frame.time);
    this.current = { start: frame.time, anchor: frame.thumb, last: frame };
  }

  /** Closes the final state at `endTime` and returns the keyframes, in time order. */
  finish(endTime: number): KeyframeCandidate[] {
    const state = this.current;
    if (state) {
      this.flushStretch();
      this.keep(state, Math.max(endTime, state.last.time), ['last']);
      this.current = undefined;
    }
    return capKeyframes(this.kept, this.options.max);
  }

  private close(state: State, end: number): void {
    const settled = (end - state.start) * 1000 >= this.options.stableMs;
    if (this.kept.length === 0) {
      this.keep(state, end, settled ? ['first', 'settled'] : ['first']);
    } else if (settled) {
      this.flushStretch();
      this.keep(state, end, ['settled']);
    } else {
      this.extendStretch(state, end);
    }
  }

  private extendStretch(state: State, end: number): void {
    const duration = end - state.start;
    const stretch = this.stretch;
    if (!stretch) {
      this.stretch = { start: state.start, end, best: state, bestDuration: duration };
      return;
    }
    stretch.end = end;
    if (duration >= stretch.bestDuration) {
      stretch.best = state;
      stretch.bestDuration = duration;
    }
  }

  /** A stretch of change at least twice the settle window long is worth one frame. */
  private flushStretch(): void {
    const stretch = this.stretch;
    this.stretch = undefined;
    if (!stretch || (stretch.end - stretch.start) * 1000 < 2 * this.options.stableMs) return;
    this.keep(stretch.best, stretch.best.start + stretch.bestDuration, ['unsettled']);
  }

  private keep(state: State, end: number, reasons: KeyframeReason[]): void {
    const previous = this.kept.at(-1);
    const thumb = state.last.thumb;
    // Back to the same screen after a blip: one state, not two.
    if (previous && tileSimilarity(previous.thumb, thumb) >= this.options.similarity) {
      previous.end = end;
      previous.frameTime = state.last.time;
      previous.thumb = thumb;
      previous.rgb = state.last.rgb;
      for (const reason of reasons) if (!previous.reasons.includes(reason)) previous.reasons.push(reason);
      return;
    }
    this.kept.push({
      start: state.start,
      end,
      frameTime: state.last.time,
      changeScore: previous ? changedArea(previous.thumb, thumb) : 1,
      reasons,
      thumb,
      rgb: state.last.rgb,
    });
    if (this.kept.length > this.options.max + CAP_SLACK) {
      const thinned = capKeyframes(this.kept, this.options.max);
      this.kept.splice(0, this.kept.length, ...thinned);
    }
  }
}

/**
 * Keeps the first and the last keyframe and, between them, the biggest changes (ties go to the later
 * one, nearer the end where tests assert). Change scores are then measured again against the new
 * neighbours, since a removed frame no longer stands between them.
 */
export function capKeyframes(candidates: KeyframeCandidate[], max: number): KeyframeCandidate[] {
  if (candidates.length <= max) return candidates;
  const middle = candidates.slice(1, -1).map((c, i) => ({ c, i }));
  middle.sort((a, b) => b.c.changeScore - a.c.changeScore || b.i - a.i);
  const keepIdx = new Set(middle.slice(0, Math.max(0, max - 2)).map((m) => m.i));
  const kept = [candidates[0]!, ...candidates.slice(1, -1).filter((_, i) => keepIdx.has(i)), candidates.at(-1)!];
  for (let i = 1; i < kept.length; i++) {
    kept[i]!.changeScore = changedArea(kept[i - 1]!.thumb, kept[i]!.thumb);
  }
  return kept;
}
