import type { ExpectationToken } from './expectation-tokens.js';

/**
 * How long and how many, in an expectation: "stays up for at least a second", "for less than 2 s",
 * "two 'I am a toast' notifications". The timeline knows how long each line was on screen and how
 * many places showed it at once, so these are judged rather than left to a model.
 */

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001, millisecond: 0.001, milliseconds: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  minute: 60, minutes: 60, min: 60, mins: 60,
};
const AT_LEAST = [['at', 'least'], ['more', 'than'], ['longer', 'than'], ['over']];
const AT_MOST = [['at', 'most'], ['less', 'than'], ['shorter', 'than'], ['no', 'more', 'than'], ['no', 'longer', 'than'], ['under']];
/** Words that only frame a duration once one is found: "'Saved' stays up for 2 s". */
export const DURATION_FRAMING = new Set(['stays', 'stay', 'lasts', 'last', 'remains', 'up', 'open', 'visible', 'for']);
/** Words that only frame a count: "two 'X' at the same time". */
export const COUNT_FRAMING = new Set(['at', 'the', 'same', 'time', 'simultaneously', 'once', 'least']);

export interface DurationCue {
  minSeconds?: number;
  maxSeconds?: number;
  /** Token indices [start, end) the cue covers. */
  start: number;
  end: number;
}

function wordAt(tokens: ExpectationToken[], i: number): string | undefined {
  const token = tokens[i];
  return token?.kind === 'word' ? token.lower : undefined;
}

function phraseAt(tokens: ExpectationToken[], i: number, phrases: string[][]): number {
  const phrase = phrases.find((words) => words.every((word, k) => wordAt(tokens, i + k) === word));
  return phrase ? phrase.length : 0;
}

/** A number at `i`: "2", "1.5" (word, mark, word), "two", "a", "half a": its value and token length. */
function numberAt(tokens: ExpectationToken[], i: number): { value: number; length: number } | null {
  const word = wordAt(tokens, i);
  if (word === undefined) return null;
  if (word === 'half' && (wordAt(tokens, i + 1) === 'a' || wordAt(tokens, i + 1) === 'an')) return { value: 0.5, length: 2 };
  if (word in NUMBER_WORDS) return { value: NUMBER_WORDS[word]!, length: 1 };
  if (!/^\d+$/.test(word)) return null;
  const mark = tokens[i + 1];
  const fraction = wordAt(tokens, i + 2);
  if (mark?.kind === 'mark' && mark.raw === '.' && fraction !== undefined && /^\d+$/.test(fraction)) {
    return { value: Number(`${word}.${fraction}`), length: 3 };
  }
  return { value: Number(word), length: 1 };
}

/**
 * The first duration: an optional "for", a bound ("at least", "less than"), a number and a unit. A bare
 * number with a unit counts only after "for" or a bound, so "shows '2 seconds ago'" is no duration.
 */
export function findDuration(tokens: ExpectationToken[]): DurationCue | null {
  for (let i = 0; i < tokens.length; i++) {
    let at = i;
    const introduced = wordAt(tokens, at) === 'for';
    if (introduced) at++;
    const least = phraseAt(tokens, at, AT_LEAST);
    const most = least ? 0 : phraseAt(tokens, at, AT_MOST);
    at += least + most;
    if (!introduced && !least && !most) continue;
    const number = numberAt(tokens, at);
    if (!number) continue;
    const unit = wordAt(tokens, at + number.length);
    const scale = unit === undefined ? undefined : UNIT_SECONDS[unit];
    if (scale === undefined) continue;
    const seconds = number.value * scale;
    const end = at + number.length + 1;
    return most ? { maxSeconds: seconds, start: i, end } : { minSeconds: seconds, start: i, end };
  }
  return null;
}

/** "two 'X'", "at least 3 'X'": the count written right before the quote at `quoteIndex`, if any. */
export function countBefore(tokens: ExpectationToken[], quoteIndex: number): { count: number; start: number } | null {
  const number = numberAt(tokens, quoteIndex - 1);
  if (!number || number.length !== 1 || number.value < 2) return null;
  const start = wordAt(tokens, quoteIndex - 3) === 'at' && wordAt(tokens, quoteIndex - 2) === 'least' ? quoteIndex - 3 : quoteIndex - 1;
  return { count: number.value, start };
}
