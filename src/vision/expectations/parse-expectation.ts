import {
  ACTION_FILLERS,
  ACTION_VERBS,
  ARTICLES,
  CLAIM_VERBS,
  CONNECTIVE_WORDS,
  CONSEQUENT_WORDS,
  INHERITING_SEPARATORS,
  NEGATION_SCOPE,
  NEGATION_WORDS,
  ORDER_MARKS,
  ORDER_WORDS,
  PHRASE_FILLERS,
  SEPARATOR_MARKS,
  SEPARATOR_WORDS,
  TIME_CUES,
  TRAILING_CLAIM_VERBS,
  TRAILING_PREPOSITIONS,
  VISIBILITY_WORDS,
} from './cue-vocabulary.js';
import { normalizeText } from '../../screen/text-match.js';
import { ERROR_NOUNS } from '../../screen/error-vocabulary.js';
import { tokenizeExpectation, type ExpectationToken } from './expectation-tokens.js';
import type { ExpectationClause, ParsedExpectation, TimeScope } from './parsed-expectation.js';
import { COUNT_FRAMING, countBefore, DURATION_FRAMING, findDuration, type DurationCue } from './quantity-cues.js';
import { findVisualTerms } from './visual-vocabulary.js';

/**
 * Reads one plain-English expectation into clauses. The sentence is cut into segments at
 * separators ("and", "then", commas, list numbers); each segment yields the quotes it holds, or
 * failing that an error-message claim or an unquoted phrase after a verb such as "shows".
 */

type WordToken = Extract<ExpectationToken, { kind: 'word' }>;

interface Segment {
  /** Token range [start, end) in the expectation. */
  start: number;
  end: number;
  /** The separator tokens just before the segment. */
  separator: ExpectationToken[];
  /** True when the segment is the later moment of a sequence ("then …", or what follows "After 'A'"). */
  consequent: boolean;
}

interface ClauseDraft extends Omit<ExpectationClause, 'when' | 'minSeconds' | 'maxSeconds'> {
  /** Undefined until a time cue or a neighbour settles it. */
  when: TimeScope | undefined;
  /** True when the clause takes an unset time from the claim before it ("… 'A' and 'B' at first"). */
  inheritsTime: boolean;
  segment: number;
  tokenIndex: number;
}

/** Most unquoted claims name a few words; a longer run is a description we would only misjudge. */
const MAX_FALLBACK_WORDS = 6;

function isSeparator(token: ExpectationToken): boolean {
  if (token.kind === 'step') return true;
  if (token.kind === 'mark') return SEPARATOR_MARKS.has(token.raw);
  return token.kind === 'word' && SEPARATOR_WORDS.has(token.lower);
}

function isConsequent(separator: ExpectationToken[]): boolean {
  return separator.some((t) => t.kind === 'word' && CONSEQUENT_WORDS.has(t.lower));
}

function splitSegments(tokens: ExpectationToken[]): Segment[] {
  const segments: Segment[] = [];
  let separator: ExpectationToken[] = [];
  let start = -1;
  tokens.forEach((token, i) => {
    if (isSeparator(token)) {
      if (start !== -1) {
        segments.push({ start, end: i, separator, consequent: isConsequent(separator) });
        separator = [];
        start = -1;
      }
      separator.push(token);
    } else if (start === -1) {
      start = i;
    }
  });
  if (start !== -1) segments.push({ start, end: tokens.length, separator, consequent: isConsequent(separator) });
  return splitOpeningAntecedent(tokens, segments);
}

/** True when the sentence opens with "After": "After 'Game over!' a new game starts". */
function opensWithAfter(tokens: ExpectationToken[]): boolean {
  const first = tokens[0];
  return first?.kind === 'word' && first.lower === 'after';
}

/**
 * "After 'A' the page shows B": the quote right after an opening "After" names the moment before the
 * claim, so it ends its segment even when no comma follows it.
 */
function splitOpeningAntecedent(tokens: ExpectationToken[], segments: Segment[]): Segment[] {
  const first = segments[0];
  if (!opensWithAfter(tokens) || !first) return segments;
  const quote = tokens.findIndex((t, i) => i >= first.start && i < first.end && t.kind === 'quote');
  if (quote === -1 || !tokens.slice(quote + 1, first.end).some((t) => t.kind === 'word' || t.kind === 'quote')) return segments;
  return [{ ...first, end: quote + 1 }, { start: quote + 1, end: first.end, separator: [], consequent: true }, ...segments.slice(1)];
}

function wordTokens(tokens: ExpectationToken[]): WordToken[] {
  return tokens.filter((t): t is WordToken => t.kind === 'word');
}

function lowerWords(tokens: ExpectationToken[]): string[] {
  return wordTokens(tokens).map((t) => t.lower);
}

function separatorInherits(separator: ExpectationToken[]): boolean {
  const inheriting = (t: ExpectationToken) =>
    t.kind === 'word' ? INHERITING_SEPARATORS.has(t.lower) : t.kind === 'mark' && INHERITING_SEPARATORS.has(t.raw);
  return separator.length > 0 && separator.every(inheriting);
}

function timeCueAt(words: string[], at: number): { when: TimeScope; length: number } | undefined {
  const cue = TIME_CUES.find((c) => c.words.every((word, k) => words[at + k] === word));
  return cue && { when: cue.when, length: cue.words.length };
}

/** Every time cue in the words, in order. */
function timeCues(words: string[]): TimeScope[] {
  const found: TimeScope[] = [];
  for (let i = 0; i < words.length; i++) {
    const cue = timeCueAt(words, i);
    if (cue) {
      found.push(cue.when);
      i += cue.length - 1;
    }
  }
  return found;
}

function isActionTarget(prefix: string[]): boolean {
  let i = prefix.length - 1;
  for (let skipped = 0; i >= 0 && skipped < 3 && ACTION_FILLERS.has(prefix[i]!); skipped++) i--;
  return i >= 0 && ACTION_VERBS.has(prefix[i]!);
}

/** True when the last negation in the words reaches their end: "does not show the", not "without reloading". */
function negationReachesEnd(words: string[]): boolean {
  const at = words.findLastIndex((w) => NEGATION_WORDS.has(w));
  return at >= 0 && words.slice(at + 1).every((w) => NEGATION_SCOPE.has(w));
}

/**
 * "does not show (Alice's) 'X'", "shows no 'X'", "no 'X'" — but not "without reloading, the page
 * shows 'X'": a negation before the verb must reach it through auxiliaries only.
 */
function negatedBeforeQuote(prefix: string[]): boolean {
  const verb = prefix.findLastIndex((w) => CLAIM_VERBS.has(w));
  if (verb < 0) return negationReachesEnd(prefix);
  return negationReachesEnd(prefix.slice(0, verb + 1)) || prefix.slice(verb + 1).some((w) => NEGATION_WORDS.has(w));
}

/** "'Error' is not shown", "'Loading' disappears" — but not "'Saved' appears without errors". */
function negatedAfterQuote(suffix: string[]): boolean {
  const visibility = suffix.findIndex((w) => VISIBILITY_WORDS.has(w));
  return visibility >= 0 && negationReachesEnd(suffix.slice(0, visibility + 1));
}

/** Words of an unquoted phrase without time cues, negations and framing words at either end. */
function trimPhrase(words: WordToken[]): WordToken[] {
  const lower = words.map((w) => w.lower);
  const kept: WordToken[] = [];
  for (let i = 0; i < words.length; i++) {
    const cue = timeCueAt(lower, i);
    if (cue) i += cue.length - 1;
    else if (!NEGATION_WORDS.has(lower[i]!)) kept.push(words[i]!);
  }
  while (kept.length > 0 && PHRASE_FILLERS.has(kept[0]!.lower)) kept.shift();
  while (kept.length > 0) {
    const last = kept[kept.length - 1]!.lower;
    if (ARTICLES.has(last)) {
      kept.pop();
      // "… on the screen": the preposition goes with its article, but a bare "in" stays ("Sign in").
      if (TRAILING_PREPOSITIONS.has(kept[kept.length - 1]?.lower ?? '')) kept.pop();
    } else if (PHRASE_FILLERS.has(last)) kept.pop();
    else break;
  }
  return kept;
}

interface UnquotedClaim {
  phrase: string;
  negated: boolean;
}

const COPULAS = new Set(['is', 'are', 'was', 'were', 'stays', 'remains']);
const PLACE_WORDS = new Set(['in', 'on', 'at', 'inside', 'within', 'among']);

/**
 * "Pay rent is no longer in the list", "Alice Martin is still on the page": the subject is the text,
 * when what follows the verb says where it is (or is not). "The total is $42" is not such a claim.
 */
function subjectClaim(words: WordToken[], lower: string[]): UnquotedClaim | null {
  const copula = lower.findIndex((w, i) => i > 0 && COPULAS.has(w));
  if (copula < 0) return null;
  let next = copula + 1;
  while (next < lower.length && (NEGATION_WORDS.has(lower[next]!) || ['longer', 'still', 'also', 'now'].includes(lower[next]!))) next++;
  const where = lower[next];
  if (where === undefined || !(PLACE_WORDS.has(where) || VISIBILITY_WORDS.has(where))) return null;
  const phrase = trimPhrase(words.slice(0, copula));
  return phrase.length > 0 ? { phrase: phrase.map((w) => w.raw).join(' '), negated: negationReachesEnd(lower.slice(0, next)) } : null;
}

/** The phrase an unquoted claim names: words after "shows"/"says"/…, before "appears"/"is displayed", or before "is in …". */
function unquotedClaim(words: WordToken[]): UnquotedClaim | null {
  const lower = words.map((w) => w.lower);
  const verb = lower.findIndex((w) => CLAIM_VERBS.has(w));
  // "shows up" / "pops up" trail their subject like "appears" does.
  if (verb >= 0 && lower[verb + 1] !== 'up') {
    const phrase = trimPhrase(words.slice(verb + 1));
    const negated = negationReachesEnd(lower.slice(0, verb + 1)) || NEGATION_WORDS.has(lower[verb + 1] ?? '');
    if (phrase.length > 0) return { phrase: phrase.map((w) => w.raw).join(' '), negated };
  }
  const trailingVerb = lower.findIndex(
    (w, i) => TRAILING_CLAIM_VERBS.has(w) || ((CLAIM_VERBS.has(w) || w === 'pops') && lower[i + 1] === 'up'),
  );
  if (trailingVerb <= 0) return subjectClaim(words, lower);
  const phrase = trimPhrase(words.slice(0, trailingVerb));
  const negated = negationReachesEnd(lower.slice(0, trailingVerb + 1));
  return phrase.length > 0 ? { phrase: phrase.map((w) => w.raw).join(' '), negated } : null;
}

const ERROR_NOUN_COMPLEMENTS = new Set([
  'message', 'messages', 'dialog', 'banner', 'text', 'popup', 'toast', 'notification', 'page', 'screen',
]);

/** "error message", "errors", "warning": the words naming the error claim, as written. */
function errorWording(words: WordToken[]): string {
  const at = words.findIndex((w) => ERROR_NOUNS.has(w.lower));
  const next = words[at + 1];
  return next && ERROR_NOUN_COMPLEMENTS.has(next.lower) ? `${words[at]!.raw} ${next.raw}` : words[at]!.raw;
}

/** "without errors" or "no errors" trailing a quote: the quote's segment also asks for no errors. */
function trailingErrorDenial(suffix: WordToken[]): WordToken[] | null {
  const at = suffix.findIndex((w) => ERROR_NOUNS.has(w.lower));
  if (at < 0) return null;
  const before = suffix[at - 1]?.lower === 'any' ? suffix[at - 2] : suffix[at - 1];
  const denied = before?.lower === 'without' || before?.lower === 'no' || suffix[at]!.lower === 'error-free';
  return denied ? suffix.slice(at) : null;
}

interface SegmentContext {
  tokens: ExpectationToken[];
  segment: Segment;
  segmentIndex: number;
  drafts: ClauseDraft[];
}

function draftQuotedClauses({ tokens, segment, segmentIndex, drafts }: SegmentContext): void {
  const quoteIndices: number[] = [];
  for (let i = segment.start; i < segment.end; i++) if (tokens[i]!.kind === 'quote') quoteIndices.push(i);
  quoteIndices.forEach((quoteIndex, k) => {
    const quote = tokens[quoteIndex] as Extract<ExpectationToken, { kind: 'quote' }>;
    const prefix = lowerWords(tokens.slice(k === 0 ? segment.start : quoteIndices[k - 1]! + 1, quoteIndex));
    const suffixTokens = wordTokens(tokens.slice(quoteIndex + 1, quoteIndices[k + 1] ?? segment.end));
    const suffix = suffixTokens.map((w) => w.lower);
    // Quotes around punctuation alone ("shows '…'") hold nothing OCR text can be compared with.
    if (isActionTarget(prefix) || !normalizeText(quote.text)) return;

    const ownNegation = negatedBeforeQuote(prefix) || negatedAfterQuote(suffix);
    const ownPredicate =
      prefix.some((w) => !CONNECTIVE_WORDS.has(w)) || suffix.some((w) => VISIBILITY_WORDS.has(w) || CLAIM_VERBS.has(w));
    const previous = drafts[drafts.length - 1];
    const inherits = !ownPredicate && previous !== undefined && (k > 0 || separatorInherits(segment.separator));
    const count = countBefore(tokens, quoteIndex);
    drafts.push({
      target: 'phrase',
      text: quote.text,
      quoted: true,
      negated: ownNegation || (inherits && previous.negated),
      when: undefined,
      inheritsTime: inherits,
      segment: segmentIndex,
      tokenIndex: quoteIndex,
      ...(count && { minCount: count.count }),
    });

    const errorDenial = k === quoteIndices.length - 1 ? trailingErrorDenial(suffixTokens) : null;
    if (errorDenial) {
      drafts.push({
        target: 'error-text',
        text: errorWording(errorDenial),
        quoted: false,
        negated: true,
        when: undefined,
        inheritsTime: false,
        segment: segmentIndex,
        tokenIndex: quoteIndex,
      });
    }
  });
}

function draftUnquotedClause({ tokens, segment, segmentIndex, drafts }: SegmentContext): void {
  const words = wordTokens(tokens.slice(segment.start, segment.end));
  const lower = words.map((w) => w.lower);
  const base = { quoted: false, when: undefined, inheritsTime: false, segment: segmentIndex, tokenIndex: segment.start };
  if (lower.some((w) => ERROR_NOUNS.has(w))) {
    const negated = lower.some((w) => NEGATION_WORDS.has(w)) || lower.includes('error-free');
    drafts.push({ ...base, target: 'error-text', text: errorWording(words), negated });
    return;
  }
  const claim = unquotedClaim(words);
  if (claim) drafts.push({ ...base, target: 'phrase', text: claim.phrase, negated: claim.negated });
}

/**
 * What comes after "then" or "after …" is a claim about the screen at that moment. When it holds
 * words but no claim Vaider can check ("then a new game starts with the score at 0"), it must not
 * vanish: an expectation judged on half its claims cannot pass. What comes before is context, such
 * as the action that leads there ("log in with valid credentials, then …"), and so is what follows
 * a mid-sentence "after" or "before" ("shows 'Welcome' after signing in").
 */
function isUnjudgedClaim(tokens: ExpectationToken[], segment: Segment): boolean {
  if (!segment.consequent) return false;
  return trimPhrase(wordTokens(tokens.slice(segment.start, segment.end))).some((w) => /\p{L}{3}/u.test(w.raw));
}

function segmentText(tokens: ExpectationToken[], segment: Segment): string {
  return wordTokens(tokens.slice(segment.start, segment.end)).map((w) => w.raw).join(' ');
}

function isOrderCue(token: ExpectationToken): boolean {
  if (token.kind === 'step') return true;
  if (token.kind === 'mark') return ORDER_MARKS.has(token.raw);
  return token.kind === 'word' && ORDER_WORDS.has(token.lower);
}

function isPositivePhrase(draft: ClauseDraft): boolean {
  return draft.target === 'phrase' && !draft.negated;
}

/**
 * Puts the positive phrases in the order they must appear. Returns null when nothing between them
 * speaks of order. "'B' appears after 'A'" (an "after" right before the next quote) puts it first.
 */
function orderPositivePhrases(tokens: ExpectationToken[], drafts: ClauseDraft[]): ClauseDraft[] | null {
  const positives = drafts.filter(isPositivePhrase);
  if (positives.length < 2) return null;
  // "After 'A', 'B' is shown": the opening "After" orders the sentence as written.
  let ordered = opensWithAfter(tokens);
  const sequence: ClauseDraft[] = [positives[0]!];
  for (let i = 1; i < positives.length; i++) {
    const previous = positives[i - 1]!;
    const gap = tokens.slice(previous.tokenIndex + 1, positives[i]!.tokenIndex);
    const gapWords = lowerWords(gap).filter((w) => !CONNECTIVE_WORDS.has(w));
    ordered ||= gap.some(isOrderCue);
    const reversed = gapWords[gapWords.length - 1] === 'after';
    sequence.splice(sequence.indexOf(previous) + (reversed ? 0 : 1), 0, positives[i]!);
  }
  return ordered ? sequence : null;
}

function settleTimes(tokens: ExpectationToken[], segments: Segment[], drafts: ClauseDraft[], ordered: boolean, unjudged: Set<number>): void {
  // A claim Vaider could not judge keeps its own time words: "a new game starts with …" is not the opening screen of 'Game over!'.
  const cuesBySegment = segments.map((s, i) => (unjudged.has(i) ? [] : timeCues(lowerWords(tokens.slice(s.start, s.end)))));
  const segmentsWithClauses = new Set(drafts.map((d) => d.segment));
  const applyToSegment = (segment: number, when: TimeScope) => {
    for (const draft of drafts) if (draft.segment === segment) draft.when ??= when;
  };

  cuesBySegment.forEach((cues, s) => {
    if (cues[0] && segmentsWithClauses.has(s)) applyToSegment(s, cues[0]);
  });
  // A cue standing alone ("At the end, the page shows …") belongs to the next claim, else the previous.
  cuesBySegment.forEach((cues, s) => {
    if (!cues[0] || segmentsWithClauses.has(s)) return;
    const unsettled = (segment: number) => drafts.some((d) => d.segment === segment && d.when === undefined);
    const target =
      [...segmentsWithClauses].sort((a, b) => a - b).find((c) => c > s && unsettled(c)) ??
      [...segmentsWithClauses].sort((a, b) => b - a).find((c) => c < s && unsettled(c));
    if (target !== undefined) applyToSegment(target, cues[0]);
  });
  drafts.forEach((draft, i) => {
    if (draft.inheritsTime && i > 0) draft.when ??= drafts[i - 1]!.when;
  });
  // One cue in a sentence without a sequence scopes all of it: "shows 'A' and 'B' at the end".
  const allCues = cuesBySegment.flat();
  if (allCues.length === 1 && !ordered) for (const draft of drafts) draft.when ??= allCues[0];
}

/**
 * A step that comes after another cannot be on the opening screen: in "after 'A' the page starts with
 * 'B'", "starts with" is where that moment starts, not the video.
 */
function unscopeLaterOpenings(sequence: ClauseDraft[]): void {
  for (const step of sequence.slice(1)) if (step.when === 'first') step.when = undefined;
}

function durationBounds(cue: DurationCue): Pick<ExpectationClause, 'minSeconds' | 'maxSeconds'> {
  return cue.maxSeconds !== undefined ? { maxSeconds: cue.maxSeconds } : { minSeconds: cue.minSeconds! };
}

/**
 * The words left for the visual check once a duration or a count was understood: their numbers and
 * framing words ("stays up for at least a second", "two … at the same time") are judged, not visual.
 */
function judgedQuantityWords(tokens: ExpectationToken[], duration: DurationCue | null, drafts: ClauseDraft[]): string[] {
  const counted = drafts.filter((d) => d.minCount !== undefined).map((d) => countBefore(tokens, d.tokenIndex)!);
  const covered = (i: number) =>
    (duration !== null && i >= duration.start && i < duration.end) || counted.some((c) => i >= c.start && i < c.start + 3);
  const words: string[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'word' || covered(i)) return;
    if (duration && DURATION_FRAMING.has(token.lower)) return;
    if (counted.length > 0 && COUNT_FRAMING.has(token.lower)) return;
    words.push(token.lower);
  });
  return words;
}

export function parseExpectation(text: string): ParsedExpectation {
  const tokens = tokenizeExpectation(text);
  const segments = splitSegments(tokens);
  const drafts: ClauseDraft[] = [];
  const unjudgedSegments = new Set<number>();
  segments.forEach((segment, segmentIndex) => {
    const context = { tokens, segment, segmentIndex, drafts };
    const hasQuote = tokens.slice(segment.start, segment.end).some((t) => t.kind === 'quote');
    const before = drafts.length;
    if (hasQuote) draftQuotedClauses(context);
    else draftUnquotedClause(context);
    if (drafts.length === before && isUnjudgedClaim(tokens, segment)) unjudgedSegments.add(segmentIndex);
  });
  const unjudged = [...unjudgedSegments].map((i) => segmentText(tokens, segments[i]!));

  const hasQuotes = tokens.some((t) => t.kind === 'quote');
  const allWords = wordTokens(tokens);
  const duration = findDuration(tokens);
  const visualOnly = findVisualTerms(judgedQuantityWords(tokens, duration, drafts));
  if (drafts.length === 0 && !hasQuotes && visualOnly.length === 0) {
    // A bare phrase ("Dashboard", "Welcome Alice") is its own claim; a visual one is only visual.
    const phrase = trimPhrase(allWords);
    if (phrase.length > 0 && phrase.length <= MAX_FALLBACK_WORDS) {
      drafts.push({
        target: 'phrase',
        text: phrase.map((w) => w.raw).join(' '),
        quoted: false,
        negated: allWords.some((w) => NEGATION_WORDS.has(w.lower)),
        when: undefined,
        inheritsTime: false,
        segment: 0,
        tokenIndex: 0,
      });
    }
  }

  const sequence = orderPositivePhrases(tokens, drafts);
  settleTimes(tokens, segments, drafts, sequence !== null, unjudgedSegments);
  if (sequence) unscopeLaterOpenings(sequence);
  let nextInSequence = 0;
  const inOrder = sequence ? drafts.map((d) => (isPositivePhrase(d) ? sequence[nextInSequence++]! : d)) : drafts;

  const clauses: ExpectationClause[] = inOrder.map(({ target, text: phrase, quoted, negated, when = 'any', minCount }) => ({
    target,
    text: phrase,
    quoted,
    negated,
    // "never … throughout" means on no frame, which is what a negated `any` checks.
    when: negated && when === 'always' ? 'any' : when,
    ...(minCount !== undefined && !negated && { minCount }),
    ...(duration && target === 'phrase' && !negated && durationBounds(duration)),
  }));
  return {
    source: text,
    kind: visualOnly.length > 0 ? 'visual' : clauses.length > 0 ? 'text' : 'unrecognised',
    clauses,
    ordered: sequence !== null,
    visualOnly,
    unjudged,
    quoted: clauses.some((c) => c.quoted),
  };
}
