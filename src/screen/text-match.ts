import { saysTheSame } from './ocr-slips.js';
import type { Box } from './box.js';
import type { OcrLine, OcrWord } from './ocr-text.js';

/**
 * Fuzzy phrase search over OCR lines. Shared by the expectation checker ("does 'Welcome, Alice'
 * appear?") and element finding ("where is the Sign In button?"), so it knows nothing about either.
 */

export interface TextMatch {
  /** 0..1 similarity between what was read and the phrase; 1 when equal after normalisation. */
  score: number;
  /** The matched words as OCR read them, joined by spaces. */
  text: string;
  /** Union of the matched words' boxes. */
  box: Box;
  words: OcrWord[];
  /** The line holding the first matched word. */
  line: OcrLine;
  /** Every line the match touches: one, or two when the phrase wraps onto the next line. */
  lines: OcrLine[];
  /**
   * The words read are the phrase's words, give or take OCR slips (look-alike letters, lost spaces).
   * A high score without it is another text: "Archive" for "Archived", "PASS x" for "RUNS x".
   */
  sameWords: boolean;
}

export interface FindPhraseOptions {
  /** Lowest score reported; default 0.8. Lower it to find the closest near miss. */
  threshold?: number;
  /** Also match a phrase that wraps onto the line below, or goes on along the row past a gap; default true. */
  acrossLines?: boolean;
}

export const DEFAULT_MATCH_THRESHOLD = 0.8;

// Characters OCR sprinkles at word edges (or drops): quotes, commas, bullets, table borders.
// Currency and percent signs are kept because they change what a number means.
const EDGE_PUNCTUATION = /^[.,;:!?'"`|()[\]{}<>«»*_~\-·•¡¿^]+|[.,;:!?'"`|()[\]{}<>«»*_~\-·•¡¿^]+$/g;

/** Lower-case, typographic quotes and dashes unified, edge punctuation stripped, single spaces. */
export function normalizeText(s: string): string {
  return normalizedWords(s).join(' ');
}

function normalizedWords(s: string): string[] {
  const unified = s
    // NFKC folds ligatures (ﬁ) and the ellipsis character, both common in rendered UI text.
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′´]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-');
  const words: string[] = [];
  for (const raw of unified.split(/\s+/)) {
    const word = raw.replace(EDGE_PUNCTUATION, '');
    // Marks standing alone ("//", "&", "→") are what OCR most often drops; they carry no words to match.
    if (/[\p{L}\p{N}]/u.test(word)) words.push(word);
  }
  return words;
}

/** Similarity of two texts after normalisation, 0..1; see `similarityOfNormalized` for the rules. */
export function textSimilarity(a: string, b: string): number {
  return similarityOfNormalized(normalizeText(a), normalizeText(b));
}

// Pairs OCR swaps between digits and letters; the only digit edits tolerated.
const DIGIT_LOOKALIKES = new Set(['o0', 'l1', 'i1', 'z2', 's5', 'b8', 'b6', 'g6', 'g9', 'q9']);

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  if (!isDigit(a) && !isDigit(b)) return 1;
  return DIGIT_LOOKALIKES.has(a + b) || DIGIT_LOOKALIKES.has(b + a) ? 1 : Infinity;
}

// A checker must not read "$42" as "$43" or "$420": digits may only change into look-alike letters.
function insertionCost(c: string): number {
  return isDigit(c) ? Infinity : 1;
}

// Two reused rows: the distance is computed for every candidate window of every line.
let previousRow: number[] = [];
let currentRow: number[] = [];

/** Weighted Levenshtein distance, or Infinity as soon as it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  previousRow[0] = 0;
  for (let j = 1; j <= b.length; j++) previousRow[j] = previousRow[j - 1]! + insertionCost(b[j - 1]!);
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1]!;
    currentRow[0] = previousRow[0]! + insertionCost(ca);
    let rowMinimum = currentRow[0];
    for (let j = 1; j <= b.length; j++) {
      const cb = b[j - 1]!;
      const cost = Math.min(
        previousRow[j]! + insertionCost(ca),
        currentRow[j - 1]! + insertionCost(cb),
        previousRow[j - 1]! + substitutionCost(ca, cb),
      );
      currentRow[j] = cost;
      if (cost < rowMinimum) rowMinimum = cost;
    }
    if (rowMinimum > limit) return Infinity;
    [previousRow, currentRow] = [currentRow, previousRow];
  }
  return previousRow[b.length]!;
}

/**
 * 1 − edit distance / longer length, on already-normalised strings. Digits must agree except for
 * OCR look-alikes (0/o, 1/l, 5/s, …), so numbers never fuzzily match other numbers. Scores below
 * `floor` may come back as 0: the search stops once they are out of reach.
 */
function similarityOfNormalized(a: string, b: string, floor = 0): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return Math.max(0, 1 - editDistance(a, b, (1 - floor) * longer) / longer);
}

/** Cheap upper bound: every character of length difference costs at least one edit. */
function similarityCeiling(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - Math.abs(a.length - b.length) / longer;
}

interface LineToken {
  text: string;
  word: OcrWord;
}

// The same lines are searched for every phrase of every expectation: tokenise each once.
const tokenCache = new WeakMap<OcrLine, LineToken[]>();

function lineTokens(line: OcrLine): LineToken[] {
  const cached = tokenCache.get(line);
  if (cached) return cached;
  // Providers that return lines without word boxes still get searched, at line granularity.
  const words: OcrWord[] =
    line.words.length > 0 ? line.words : [{ text: line.text, confidence: line.confidence, box: line.box }];
  const tokens: LineToken[] = [];
  for (const word of words) {
    for (const text of normalizedWords(word.text)) tokens.push({ text, word });
  }
  tokenCache.set(line, tokens);
  return tokens;
}

interface Window {
  score: number;
  start: number;
  end: number;
}

/**
 * Best run of tokens for the phrase. Runs one token shorter or longer than the phrase cover OCR
 * merging ("SignIn") or splitting ("Wel come") words. With `spanning`, the run must cross that
 * token index (used to join two lines).
 */
function bestWindow(
  tokens: LineToken[],
  phrase: string,
  phraseWordCount: number,
  threshold: number,
  spanning?: number,
): Window | null {
  let best: Window | null = null;
  const sizes = [phraseWordCount, phraseWordCount - 1, phraseWordCount + 1].filter(
    (size) => size >= 1 && size <= tokens.length,
  );
  for (const size of sizes) {
    for (let start = 0; start + size <= tokens.length; start++) {
      const end = start + size;
      if (spanning !== undefined && (start >= spanning || end <= spanning)) continue;
      let candidate = tokens[start]!.text;
      for (let k = start + 1; k < end; k++) candidate += ' ' + tokens[k]!.text;
      const ceiling = similarityCeiling(candidate, phrase);
      if (ceiling < threshold || (best && ceiling <= best.score)) continue;
      const score = similarityOfNormalized(candidate, phrase, threshold);
      if (score >= threshold && (!best || score > best.score)) {
        best = { score, start, end };
        if (score === 1) return best;
      }
    }
  }
  return best;
}

function unionBox(boxes: Box[]): Box {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function toMatch(tokens: LineToken[], window: Window, lines: OcrLine[], target: string): TextMatch {
  const words: OcrWord[] = [];
  for (let k = window.start; k < window.end; k++) {
    const word = tokens[k]!.word;
    if (words[words.length - 1] !== word) words.push(word);
  }
  const read = tokens
    .slice(window.start, window.end)
    .map((token) => token.text)
    .join(' ');
  return {
    score: window.score,
    text: words.map((w) => w.text).join(' '),
    box: unionBox(words.map((w) => w.box)),
    words,
    line: lines[0]!,
    lines,
    sameWords: window.score === 1 || saysTheSame(read, target),
  };
}

/** True when `lower` sits directly under `upper`, overlapping it horizontally: a wrapped line. */
function continuesOnto(upper: OcrLine, lower: OcrLine): boolean {
  if (upper.source !== lower.source) return false;
  const lineHeight = Math.max(upper.box.height, lower.box.height);
  if (lower.box.y <= upper.box.y + upper.box.height / 2) return false;
  const gap = lower.box.y - (upper.box.y + upper.box.height);
  if (gap > lineHeight) return false;
  const overlap =
    Math.min(upper.box.x + upper.box.width, lower.box.x + lower.box.width) - Math.max(upper.box.x, lower.box.x);
  return overlap > 0;
}

/** Pairs of lines where the second may continue the first, found top-down without comparing all pairs. */
function wrappedLinePairs(lines: OcrLine[]): [OcrLine, OcrLine][] {
  const byTop = [...lines].sort((a, b) => a.box.y - b.box.y);
  const tallest = Math.max(0, ...lines.map((line) => line.box.height));
  const pairs: [OcrLine, OcrLine][] = [];
  byTop.forEach((upper, i) => {
    for (let j = i + 1; j < byTop.length; j++) {
      const lower = byTop[j]!;
      if (lower.box.y > upper.box.y + upper.box.height + tallest) break;
      if (continuesOnto(upper, lower)) pairs.push([upper, lower]);
    }
  });
  return pairs;
}

/** Lines on one row share this much of the shorter one's height. */
const SAME_ROW = 0.5;
/** Gaps wider than this many line heights part columns, not the label and value of one row. */
const MAX_ROW_GAP = 12;

/**
 * Pairs of lines where the second goes on along the same row after a gap: OCR splits "Time:" from
 * "5.297 s" when they are aligned in columns, as a terminal or a table does, yet a person reads
 * "Time: 5.297 s". Only neighbours pair: nothing read lies between them.
 */
function sameRowPairs(lines: OcrLine[]): [OcrLine, OcrLine][] {
  const pairs: [OcrLine, OcrLine][] = [];
  const byLeft = [...lines].sort((a, b) => a.box.x - b.box.x);
  const onRow = (a: OcrLine, b: OcrLine) =>
    Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y) >= SAME_ROW * Math.min(a.box.height, b.box.height);
  byLeft.forEach((left, i) => {
    const right = byLeft.slice(i + 1).find((other) => other.source === left.source && onRow(left, other) && other.box.x >= left.box.x + left.box.width);
    if (!right) return;
    const gap = right.box.x - (left.box.x + left.box.width);
    if (gap <= MAX_ROW_GAP * Math.max(left.box.height, right.box.height)) pairs.push([left, right]);
  });
  return pairs;
}

/**
 * Every line's best match for the phrase scoring at least the threshold, best first (reading order
 * among equals). At most one match per line, plus matches across two lines (wrapped onto the next,
 * or going on along the row) that beat both their lines.
 */
export function findPhraseMatches(lines: OcrLine[], phrase: string, options: FindPhraseOptions = {}): TextMatch[] {
  const threshold = options.threshold ?? DEFAULT_MATCH_THRESHOLD;
  const phraseWords = normalizedWords(phrase);
  if (phraseWords.length === 0) return [];
  const target = phraseWords.join(' ');

  const matches: TextMatch[] = [];
  const bestScoreByLine = new Map<OcrLine, number>();
  for (const line of lines) {
    const tokens = lineTokens(line);
    const window = bestWindow(tokens, target, phraseWords.length, threshold);
    if (!window) continue;
    bestScoreByLine.set(line, window.score);
    matches.push(toMatch(tokens, window, [line], target));
  }

  if ((options.acrossLines ?? true) && phraseWords.length >= 2) {
    for (const [upper, lower] of [...wrappedLinePairs(lines), ...sameRowPairs(lines)]) {
      // Only the phrase's length of tokens either side of the break can take part in a wrapped match.
      const tail = lineTokens(upper).slice(-(phraseWords.length + 1));
      const head = lineTokens(lower).slice(0, phraseWords.length + 1);
      const tokens = [...tail, ...head];
      const window = bestWindow(tokens, target, phraseWords.length, threshold, tail.length);
      const beaten = Math.max(bestScoreByLine.get(upper) ?? 0, bestScoreByLine.get(lower) ?? 0);
      if (window && window.score > beaten) matches.push(toMatch(tokens, window, [upper, lower], target));
    }
  }

  return matches.sort((a, b) => b.score - a.score);
}

/** The best match for the phrase, or null when nothing scores at least the threshold (default 0.8). */
export function findPhrase(lines: OcrLine[], phrase: string, options: FindPhraseOptions = {}): TextMatch | null {
  return findPhraseMatches(lines, phrase, options)[0] ?? null;
}
