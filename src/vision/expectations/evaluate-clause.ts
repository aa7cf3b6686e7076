import { intersectionArea, type Box } from '../../screen/box.js';
import type { TextMatch } from '../../screen/text-match.js';
import type { ExpectationStatus } from '../../screen/verdict.js';
import {
  UNCERTAIN_CONFIDENCE,
  absenceConfidence,
  isDoubtfulNearMiss,
  matchConfidence,
} from './confidence.js';
import { evidenceAt, moment, quote } from './explain.js';
import type { FrameRead } from './frame-reads.js';
import { doubtfulPart } from './partial-reads.js';
import type { ExpectationClause, TimeScope } from './parsed-expectation.js';
import type { EvidenceMoment } from './screen-moments.js';

/**
 * Judges one clause against what was read at every moment of the input, following its time scope and
 * negation. Nothing passes on what was not seen: a moment that was not read, or a place that held
 * text OCR could not read, leaves an absence (and a missing phrase) `uncertain`, naming the gap.
 */

export interface ClauseOutcome {
  status: ExpectationStatus;
  confidence: number;
  evidence: EvidenceMoment | null;
  /** A sentence fragment; `sentence()` joins and capitalises them. */
  explanation: string;
}

/** One clause's target as read at every moment, with how strictly it may be judged. */
export interface ClauseTarget {
  /** How explanations name what was looked for: "'Welcome, Alice'", "error-like text". */
  label: string;
  /** How explanations name a match: the phrase (and its misreading) or the error line read. */
  describe: (match: TextMatch) => string;
  reads: FrameRead[];
  /**
   * Quoted phrases and error wording are strict. Guessed phrases are not: when they are not read, the
   * words may describe the screen rather than quote it, so a positive claim ends `uncertain` rather than
   * `fail`.
   */
  strict: boolean;
  /** Multiplies every confidence: heuristics weigh less. */
  weight: number;
  /** The fewest characters the text looked for can have: a place narrower than that cannot hide it. */
  chars: number;
}

const hasText = (read: FrameRead): boolean => read.moment.lines.length > 0;

/** A screen held this long (s) has settled: the page finished drawing. */
const SETTLED_SECONDS = 0.4;

/**
 * The positions a time scope is about. A recording usually opens on a blank page and may close on
 * one, and a page draws in steps, so "at first" means the moments from the first with any text until
 * the screen first settles, "at the end" the last moment with text, and "throughout" the stretch
 * between them; `any` is every moment. Unread moments after the last with text count as the end.
 */
export function positionsFor(when: TimeScope, reads: readonly FrameRead[]): number[] {
  if (reads.length === 0) return [];
  const all = reads.map((_, i) => i);
  const first = Math.max(0, reads.findIndex(hasText));
  const last = Math.max(first, reads.findLastIndex(hasText));
  if (when === 'first') {
    const settled = reads.findIndex((r, i) => i >= first && r.moment.until - r.moment.start >= SETTLED_SECONDS);
    return all.slice(first, (settled < 0 ? first : settled) + 1);
  }
  // Moments after the last one with text that were not read (the time budget ran out) may hold later
  // text: then the end is among them, unknown, and "throughout" reaches to them.
  const unreadAfter = all.slice(last + 1).filter((i) => !reads[i]!.moment.read);
  if (when === 'last') {
    if (unreadAfter.length > 0) return unreadAfter;
    return [reads.some(hasText) ? last : reads.length - 1];
  }
  if (when === 'always') return all.slice(first, (unreadAfter.at(-1) ?? last) + 1);
  return all;
}

function outcome(status: ExpectationStatus, confidence: number, evidence: EvidenceMoment | null, explanation: string): ClauseOutcome {
  return { status, confidence: Number(Math.min(1, Math.max(0, confidence)).toFixed(3)), evidence, explanation };
}

function scopeWords(when: TimeScope, reads: readonly FrameRead[]): string {
  const still = reads[0]?.moment.still ?? false;
  if (still) return 'on the screenshot';
  if (when === 'first') return 'on the first screen';
  if (when === 'last') return 'on the last screen';
  return `at any moment of the video (${reads.length} screen state${reads.length === 1 ? '' : 's'} read)`;
}

/**
 * A read near the phrase that OCR was not sure of, or a part of it read with the rest unread beside
 * it, at one of the moments: it may be there, misread.
 */
function nearMissOutcome(target: ClauseTarget, reads: FrameRead[], looking: 'present' | 'absent'): ClauseOutcome | null {
  const part = reads.find((r) => doubtfulPart(r.partial, r.moment.illegible));
  if (part?.partial) {
    return outcome(
      'uncertain',
      UNCERTAIN_CONFIDENCE.nearMiss,
      evidenceAt(part.moment, part.partial.match),
      `${target.label} may be ${moment(part.moment)}: OCR read only ${quote(part.partial.match.text)} of it there, and not what stands ${part.partial.rest} it`,
    );
  }
  const read = reads.find((r) => isDoubtfulNearMiss(r.closest, looking));
  if (!read?.closest) return null;
  return outcome(
    'uncertain',
    UNCERTAIN_CONFIDENCE.nearMiss,
    evidenceAt(read.moment, read.closest),
    `${target.label} may be ${moment(read.moment)}: OCR read ${quote(lineText(read.closest))}, not sure enough of its words to tell`,
  );
}

/**
 * What in scope was not seen: moments not read, and places holding text that could not be read.
 * Either can hide the text looked for, so neither its absence nor its lack is certain.
 */
function blindSpotOutcome(target: ClauseTarget, reads: FrameRead[], looking: 'absent' | 'present'): ClauseOutcome | null {
  const unread = reads.filter((r) => !r.moment.read);
  const illegible = reads.filter((r) => r.moment.read && r.moment.illegible.some((place) => canHold(place, target.chars)));
  if (unread.length === 0 && illegible.length === 0) return null;
  const conclusion = looking === 'absent' ? 'so it cannot be ruled out' : 'where it may be';
  if (unread.length > 0) {
    const first = unread[0]!;
    const last = unread.at(-1)!;
    return outcome(
      'uncertain',
      UNCERTAIN_CONFIDENCE.notSeen,
      evidenceAt(first.moment, null, last.moment),
      `${target.label} was not seen, but the screen ${moment(first.moment, last.moment)} was not read ` +
        `(${unread.length} of ${reads.length} screen states), ${conclusion}`,
    );
  }
  const first = illegible[0]!;
  const place = first.moment.illegible.find((box) => canHold(box, target.chars))!;
  return outcome(
    'uncertain',
    UNCERTAIN_CONFIDENCE.notSeen,
    { ...evidenceAt(first.moment), box: place },
    `${target.label} was not seen, but ${moment(first.moment)} a place at (${place.x}, ${place.y}) held text OCR could not read, ${conclusion}`,
  );
}

/** Width of a character as a share of its line's height, for the narrowest common UI fonts. */
const NARROWEST_CHARACTER = 0.35;
/** Longer texts may wrap onto a second line, so a place need only hold half of them. */
const WRAPS_AFTER = 16;

/**
 * Whether a place of unreadable text could be the text looked for: a 40-pixel smudge cannot hide
 * "Length of username must be between 3 and 16.".
 */
function canHold(place: Box, chars: number): boolean {
  const needed = chars > WRAPS_AFTER ? Math.ceil(chars / 2) : chars;
  return place.width >= NARROWEST_CHARACTER * place.height * needed;
}

/** The text of the line(s) a match sits on: more telling than the few words compared. */
function lineText(match: TextMatch): string {
  return match.lines.map((line) => line.text).join(' ');
}

/** The stretch of consecutive moments from `index` on where the target is found. */
function foundRun(reads: FrameRead[], index: number): FrameRead {
  let end = index;
  while (end + 1 < reads.length && reads[end + 1]!.found) end++;
  return reads[end]!;
}

/** The positive claim was not read at the moments it is about. */
function missingOutcome(target: ClauseTarget, reads: FrameRead[], when: TimeScope): ClauseOutcome {
  const nearMiss = nearMissOutcome(target, reads, 'present');
  if (nearMiss) return nearMiss;
  const elsewhere = target.reads.find((r) => r.found && !reads.includes(r));
  const though = elsewhere ? `, though it appears ${moment(elsewhere.moment)}` : '';
  const scope = scopeWords(when, reads);
  const lastRead = reads[reads.length - 1]!;
  if (!target.strict) {
    return outcome(
      'uncertain',
      UNCERTAIN_CONFIDENCE.heuristicMissing * target.weight,
      evidenceAt(lastRead.moment),
      `${target.label} was not read ${scope}${though}; without quotes, OCR may have missed it ` +
        'or the words may describe the screen rather than quote it',
    );
  }
  const blind = blindSpotOutcome(target, reads, 'present');
  if (blind) return blind;
  const closest = reads.reduce<FrameRead | undefined>(
    (best, r) => (r.closest && (!best?.closest || r.closest.score > best.closest.score) ? r : best),
    undefined,
  );
  const nearest = closest?.closest ? ` (closest: ${quote(lineText(closest.closest))} ${moment(closest.moment)})` : '';
  return outcome(
    'fail',
    absenceConfidence(reads) * target.weight,
    closest?.closest ? evidenceAt(closest.moment, closest.closest) : evidenceAt(lastRead.moment),
    `${target.label} does not appear ${scope}${nearest}${though}`,
  );
}

function readsInScope(clause: ExpectationClause, target: ClauseTarget): FrameRead[] {
  return positionsFor(clause.when, target.reads).map((p) => target.reads[p]!);
}

/** "Throughout" failed: the first moment without the text. */
function missingSomewhereOutcome(target: ClauseTarget, missing: FrameRead[]): ClauseOutcome {
  const nearMiss = nearMissOutcome(target, missing, 'present');
  if (nearMiss) return nearMiss;
  const firstMissing = missing[0]!;
  const evidence = evidenceAt(firstMissing.moment);
  const explanation = `${target.label} is missing ${moment(firstMissing.moment)}, though it should be on screen throughout`;
  return target.strict
    ? outcome('fail', absenceConfidence(missing) * target.weight, evidence, explanation)
    : outcome('uncertain', UNCERTAIN_CONFIDENCE.heuristicMissing * target.weight, evidence, explanation);
}

interface Run {
  from: FrameRead;
  to: FrameRead;
  seconds: number;
}

/**
 * Stretches of consecutive moments showing the text, and how long each lasted: every sampled frame
 * stands for one sample interval. A single brief moment without it inside a stretch is an OCR flicker,
 * not the text leaving.
 */
function runsOf(reads: FrameRead[]): Run[] {
  const runs: Run[] = [];
  let open: { from: FrameRead; to: FrameRead } | undefined;
  const close = () => {
    if (open) runs.push({ ...open, seconds: open.to.moment.until - open.from.moment.start + open.to.moment.interval });
    open = undefined;
  };
  reads.forEach((read, i) => {
    if (read.found) {
      if (open) open.to = read;
      else open = { from: read, to: read };
      return;
    }
    const flicker = open && reads[i + 1]?.found && read.moment.read && read.moment.until - read.moment.start <= read.moment.interval;
    if (!flicker) close();
  });
  close();
  return runs;
}

/** "for at least a second", "for less than 2 s": judged on how long the text stayed, give or take one sample. */
function durationOutcome(clause: ExpectationClause, target: ClauseTarget, reads: FrameRead[]): ClauseOutcome | null {
  if (clause.minSeconds === undefined && clause.maxSeconds === undefined) return null;
  const runs = runsOf(reads);
  const longest = runs.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const tolerance = longest.from.moment.interval;
  const stayed = (run: Run) => `${target.describe(run.from.found!)} is on screen for ${run.seconds.toFixed(1)} s, ${moment(run.from.moment, run.to.moment)}`;
  const evidence = (run: Run) => evidenceAt(run.from.moment, run.from.found, run.to.moment);
  if (longest.from.moment.still) return outcome('uncertain', UNCERTAIN_CONFIDENCE.visual, evidence(longest), 'a screenshot shows no duration');
  if (clause.minSeconds !== undefined) {
    const enough = longest.seconds >= clause.minSeconds - tolerance;
    if (!enough && reads.some((r) => !r.moment.read)) return blindSpotOutcome(target, reads, 'present');
    return outcome(
      enough ? 'pass' : 'fail',
      matchConfidence(longest.from.found!) * target.weight,
      evidence(longest),
      `${stayed(longest)}${enough ? '' : ` at the longest, not ${clause.minSeconds} s`}`,
    );
  }
  const tooLong = runs.find((run) => run.seconds > clause.maxSeconds! + tolerance);
  const shown = tooLong ?? longest;
  return outcome(
    tooLong ? 'fail' : 'pass',
    matchConfidence(shown.from.found!) * target.weight,
    evidence(shown),
    `${stayed(shown)}${tooLong ? `, longer than ${clause.maxSeconds} s` : ''}`,
  );
}

/** "two 'X'": a pass needs that many places at one moment; fewer read may be OCR missing one. */
function countOutcome(clause: ExpectationClause, target: ClauseTarget, hits: FrameRead[]): ClauseOutcome | null {
  if (clause.minCount === undefined) return null;
  const most = hits.reduce((a, b) => (b.places.length > a.places.length ? b : a));
  if (most.places.length >= clause.minCount) {
    return outcome(
      'pass',
      matchConfidence(most.found!) * target.weight,
      evidenceAt(most.moment, most.found),
      `${target.label} is at ${most.places.length} places at once ${moment(most.moment)}`,
    );
  }
  return outcome(
    'uncertain',
    UNCERTAIN_CONFIDENCE.heuristicMissing * target.weight,
    evidenceAt(most.moment, most.found),
    `${target.label} was read at ${most.places.length} place${most.places.length === 1 ? '' : 's'} at once at most (${moment(most.moment)}), not ${clause.minCount}; OCR may have missed one`,
  );
}

function evaluatePresent(clause: ExpectationClause, target: ClauseTarget): ClauseOutcome {
  const reads = readsInScope(clause, target);
  const seen = reads.filter((r) => r.moment.read);
  const hits = seen.filter((r) => r.found);
  const always = clause.when === 'always';
  if (always && hits.length < seen.length) return missingSomewhereOutcome(target, seen.filter((r) => !r.found));
  const first = hits[0];
  if (!first?.found) return missingOutcome(target, reads, clause.when);
  const quantified = durationOutcome(clause, target, reads) ?? countOutcome(clause, target, hits);
  if (quantified) return quantified;
  if (always) {
    const blind = blindSpotOutcome(target, reads.filter((r) => !r.moment.read), 'present');
    if (blind) return blind;
  }

  // Every moment must hold for "throughout", so its weakest read counts; otherwise the clearest one.
  const confidences = hits.map((r) => matchConfidence(r.found!));
  const confidence = always ? Math.min(...confidences) : Math.max(...confidences);
  const until = always ? hits.at(-1)! : foundRun(reads, reads.indexOf(first));
  const where = always && reads.length > 1 ? `throughout, ${moment(first.moment, until.moment)}` : moment(first.moment, until.moment);
  return outcome(
    'pass',
    confidence * target.weight,
    evidenceAt(first.moment, first.found, until.moment),
    `${target.describe(first.found)} appears ${where}`,
  );
}

/**
 * "The 'Saved' toast is gone at the end" while the same words stay in a field: the text went from one
 * place and stayed at another, and which one the claim means cannot be read from text.
 */
function leftOnePlaceOutcome(target: ClauseTarget, last: FrameRead): ClauseOutcome | null {
  const before = target.reads.filter((r) => r.moment.start < last.moment.start);
  const staying = (match: TextMatch) => last.places.some((kept) => intersectionArea(kept.box, match.box) > 0);
  const gone = before.findLast((r) => r.places.some((match) => !staying(match)));
  const place = gone?.places.find((match) => !staying(match));
  if (!gone || !place) return null;
  return outcome(
    'uncertain',
    UNCERTAIN_CONFIDENCE.ambiguous * target.weight,
    evidenceAt(last.moment, last.found),
    `${target.label} left one place (${place.box.x}, ${place.box.y}) after ${moment(gone.moment)} but stays at another ` +
      `(${last.found!.box.x}, ${last.found!.box.y}) to the end; which one is meant cannot be told from the text`,
  );
}

function evaluateAbsent(clause: ExpectationClause, target: ClauseTarget): ClauseOutcome {
  const reads = readsInScope(clause, target);
  const hitIndex = reads.findIndex((r) => r.found);
  const hit = reads[hitIndex];
  if (hit?.found && clause.when === 'last') {
    const ambiguous = leftOnePlaceOutcome(target, hit);
    if (ambiguous) return ambiguous;
  }
  if (hit?.found) {
    const scope =
      clause.when === 'first' || clause.when === 'last' ? `should not be ${scopeWords(clause.when, reads)}` : 'should never appear';
    const until = foundRun(reads, hitIndex);
    return outcome(
      'fail',
      matchConfidence(hit.found) * target.weight,
      evidenceAt(hit.moment, hit.found, until.moment),
      `${target.describe(hit.found)} appears ${moment(hit.moment, until.moment)} but ${scope}`,
    );
  }
  const nearMiss = nearMissOutcome(target, reads, 'absent');
  if (nearMiss) return nearMiss;
  const blind = blindSpotOutcome(target, reads, 'absent');
  if (blind) return blind;
  const lastRead = reads[reads.length - 1]!;
  return outcome(
    'pass',
    absenceConfidence(reads) * target.weight,
    evidenceAt(lastRead.moment),
    `${target.label} does not appear ${scopeWords(clause.when, reads)}`,
  );
}

export function evaluateClause(clause: ExpectationClause, target: ClauseTarget): ClauseOutcome {
  if (target.reads.length === 0) {
    return outcome('uncertain', UNCERTAIN_CONFIDENCE.noText, null, `there was nothing to look for ${target.label} on`);
  }
  if (target.reads.every((r) => r.moment.lines.length === 0 && r.moment.illegible.length === 0)) {
    const explanation = target.reads.some((r) => r.moment.read)
      ? `no text was read at any moment, so ${target.label} cannot be checked`
      : `the text on screen was not read, so ${target.label} cannot be checked`;
    return outcome('uncertain', UNCERTAIN_CONFIDENCE.noText, null, explanation);
  }
  return clause.negated ? evaluateAbsent(clause, target) : evaluatePresent(clause, target);
}
