/**
 * Which of tesseract's words are worth reporting, and how sure each is.
 *
 * Tesseract's word confidence is not the whole story. It drops to near 0 for words whose letters it is
 * sure of when it doubts the spaces around them, as in code and paths ("checkout." at 0 with every
 * letter at 0.94 or more); and one unusual name in a confident title ("Þórsdóttir?" at 0.19 between
 * words at 0.93) would cut the title short. Stray strokes and icons, on the other hand, come out as short
 * junk ("|", "©", "ZS", "<a") at any confidence.
 */
import type { Word } from 'tesseract.js';

/** Tesseract turns stray strokes and icons into "|", "—" or "©": a word needs a letter or a digit. */
const READABLE = /[\p{L}\p{N}]/u;
const ALPHANUMERIC = /[\p{L}\p{N}]/gu;
const PUNCTUATION = /[^\p{L}\p{N}]/u;
const ENDS_IN_PUNCTUATION = /[^\p{L}\p{N}]$/u;
const STARTS_WITH_PUNCTUATION = /^[^\p{L}\p{N}]/u;

/**
 * Letters at least this sure, in a word of at least SURE_LETTERS_LENGTH of them with punctuation among
 * them, make the word sure: the doubted spaces are around the punctuation. So do they in a word between
 * two such words that meet it at punctuation: tesseract cuts a line of code at its dots and brackets
 * ("console." "log" "(answer);"), and doubts each space it made. Without punctuation a low word
 * confidence is tesseract doubting the letters after all ("kkk" for a row of stars).
 */
const SURE_LETTER = 0.9;
const SURE_LETTERS_LENGTH = 3;
/** How sure such a word is reported: sure letters, doubtful spaces. Above the default minimum, below a clean word. */
const SURE_LETTERS_CONFIDENCE = 0.85;
/**
 * A line with this many kept words averaging this is confident: a weaker word in it is kept down to
 * WORD_FLOOR. One sure word is not enough: it is as often a badge beside unreadable text.
 */
const CONFIDENT_LINE = 0.8;
const CONFIDENT_LINE_WORDS = 2;
const WORD_FLOOR = 0.15;
/** A weak word kept for its line's sake is mostly letters or digits, at least this many. */
const MIN_WEAK_WORD_LENGTH = 2;
const MIN_WEAK_WORD_SHARE = 0.5;

export interface WordPolicy {
  /** 0..1: words below are dropped, unless kept for their line, or for their letters when trusted. */
  minConfidence: number;
  /** 0..1: words of fewer than three letters or digits need this, when stricter than minConfidence. */
  minShortWordConfidence?: number;
  /**
   * Whether a word of sure letters is kept whatever tesseract thinks of its spaces. Only for the last
   * reading of a piece of ink (see second-pass.ts): a first reading in doubt is better read again.
   */
  trustSureLetters?: boolean;
}

export interface KeptWord {
  word: Word;
  text: string;
  confidence: number;
}

const alphanumerics = (text: string): number => text.match(ALPHANUMERIC)?.length ?? 0;

function hasSureLetters(word: Word | undefined): boolean {
  const letters = word?.symbols ?? [];
  return letters.length > 0 && letters.every((symbol) => symbol.confidence / 100 >= SURE_LETTER);
}

/** Tesseract's confidence, raised for a word of sure letters at punctuation (see SURE_LETTER). */
function certainty(words: readonly Word[], index: number, text: string): number {
  const word = words[index]!;
  const confidence = word.confidence / 100;
  if (alphanumerics(text) < SURE_LETTERS_LENGTH || !hasSureLetters(word)) return confidence;
  const before = words[index - 1], after = words[index + 1];
  const betweenPunctuation =
    hasSureLetters(before) &&
    hasSureLetters(after) &&
    ENDS_IN_PUNCTUATION.test(before!.text.trim()) &&
    STARTS_WITH_PUNCTUATION.test(after!.text.trim());
  return PUNCTUATION.test(text) || betweenPunctuation ? Math.max(confidence, SURE_LETTERS_CONFIDENCE) : confidence;
}

function isWeakButReadable(text: string): boolean {
  const count = alphanumerics(text);
  return count >= MIN_WEAK_WORD_LENGTH && count >= MIN_WEAK_WORD_SHARE * [...text].length;
}

/** The words of one tesseract line worth reporting, in order. */
/**
 * Tesseract reads a sans-serif "I" opening a line as "|" ("| am a toast"). In the last reading of a run
 * of text-like ink, whose borders and carets are left out of it (see unread-ink.ts, carets.ts), a bar
 * opening the line before a word in lower case is that "I".
 */
function openingI(words: readonly Word[], index: number, text: string, policy: WordPolicy): string {
  const next = words[index + 1]?.text.trim() ?? '';
  return policy.trustSureLetters && index === 0 && text === '|' && /^\p{Ll}/u.test(next) ? 'I' : text;
}

export function keptWords(words: readonly Word[], policy: WordPolicy): KeptWord[] {
  const candidates = words
    .map((word, index) => {
      const text = openingI(words, index, word.text.trim(), policy);
      return { word, text, confidence: policy.trustSureLetters ? certainty(words, index, text) : word.confidence / 100 };
    })
    .filter(({ text }) => READABLE.test(text));
  const minimum = (text: string): number =>
    alphanumerics(text) < SURE_LETTERS_LENGTH ? Math.max(policy.minConfidence, policy.minShortWordConfidence ?? 0) : policy.minConfidence;
  const sure = candidates.filter(({ text, confidence }) => confidence >= minimum(text));
  const lineConfidence = sure.reduce((sum, word) => sum + word.confidence, 0) / sure.length;
  if (sure.length < CONFIDENT_LINE_WORDS || lineConfidence < CONFIDENT_LINE) return sure;
  return candidates.filter(
    (candidate) => sure.includes(candidate) || (candidate.confidence >= WORD_FLOOR && isWeakButReadable(candidate.text)),
  );
}
