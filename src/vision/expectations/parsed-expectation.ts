/**
 * What `parseExpectation` understood from one plain-English expectation. Plain data, so it can be
 * logged or serialised next to the verdict that was derived from it.
 */

/**
 * Which frames a clause is about. `any`: some frame (negated: no frame at all, i.e. "never");
 * `first` / `last`: the first or last frame; `always`: every frame.
 */
export type TimeScope = 'any' | 'first' | 'last' | 'always';

export interface ExpectationClause {
  /**
   * `phrase`: look for `text`. `error-text`: look for any error-like wording (error, invalid,
   * failed, …), as asked by unquoted claims such as "no error message".
   */
  target: 'phrase' | 'error-text';
  /** The phrase without its quotes; for `error-text`, the words that asked for it ("error message"). */
  text: string;
  /**
   * True when the phrase was quoted. Unquoted phrases are guessed from the sentence ("the heading says
   * Welcome Alice"), so they are judged with lower confidence and never fail when not negated.
   */
  quoted: boolean;
  /** True when the text must NOT appear in the frames `when` names. */
  negated: boolean;
  when: TimeScope;
  /** "two 'X'": at least this many places show it at one moment. */
  minCount?: number;
  /** "stays up for at least a second", "for less than 2 s": how long it stays on screen, in seconds. */
  minSeconds?: number;
  maxSeconds?: number;
}

export interface ParsedExpectation {
  /** The expectation exactly as written. */
  source: string;
  /**
   * `text`: judged from OCR text alone. `visual`: names something OCR cannot judge (see
   * `visualOnly`), so the result is uncertain whatever the text shows. `unrecognised`: no claim
   * about the screen was found.
   */
  kind: 'text' | 'visual' | 'unrecognised';
  /**
   * The claims to check. When `ordered`, the positive `phrase` clauses must appear in this order
   * (already reversed for "'B' appears after 'A'"); other clauses are checked on their own.
   */
  clauses: ExpectationClause[];
  /** True when the positive phrase clauses form a sequence ("then", numbered steps, "followed by"). */
  ordered: boolean;
  /** The words that make this expectation visual (colours, positions, icons, font, …), lower-case. */
  visualOnly: string[];
  /**
   * Claims after "then" or "after …" that name no text Vaider can look for, as written: while any
   * remains, the expectation can fail on its other claims but never pass.
   */
  unjudged: string[];
  /** True when at least one clause quotes its text. */
  quoted: boolean;
}
