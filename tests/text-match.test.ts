import { describe, expect, it } from 'vitest';
import { line } from './helpers/ocr-lines.js';
import { findPhrase, findPhraseMatches, normalizeText, textSimilarity } from '../src/screen/text-match.js';
import type { OcrLine } from '../src/screen/ocr-text.js';

describe('normalizeText', () => {
  it('lower-cases, unifies typographic quotes and dashes, and collapses whitespace', () => {
    expect(normalizeText('  Don’t   STOP\tnow ')).toBe("don't stop now");
    expect(normalizeText('Sign‑in — fast')).toBe('sign-in fast');
  });

  it('strips punctuation OCR confuses at word edges but keeps it inside words and currency signs', () => {
    expect(normalizeText('“Welcome,  Alice!”')).toBe('welcome alice');
    expect(normalizeText('| Total: $42.50 |')).toBe('total $42.50');
    expect(normalizeText("(Alice's) e-mail…")).toBe("alice's e-mail");
  });
});

describe('textSimilarity', () => {
  it('is 1 for texts equal after normalisation and lower for OCR slips', () => {
    expect(textSimilarity('Welcome, Alice', 'welcome alice')).toBe(1);
    const slip = textSimilarity('We1come, Alice', 'Welcome, Alice');
    expect(slip).toBeGreaterThan(0.9);
    expect(slip).toBeLessThan(1);
  });

  it('never lets one number stand for another', () => {
    expect(textSimilarity('Total $42', 'Total $43')).toBe(0);
    expect(textSimilarity('Total $42', 'Total $420')).toBe(0);
    // A letter read for its look-alike digit is an OCR slip, not another number.
    expect(textSimilarity('Order l234', 'Order 1234')).toBeGreaterThan(0.8);
  });
});

describe('findPhrase', () => {
  it('scores an exact match 1 and returns the words, their union box and the line', () => {
    const welcome = line('Welcome, Alice', { x: 100, y: 50 });
    const match = findPhrase([line('Sign out'), welcome], 'Welcome, Alice');
    expect(match).not.toBeNull();
    expect(match!.score).toBe(1);
    expect(match!.text).toBe('Welcome, Alice');
    expect(match!.line).toBe(welcome);
    expect(match!.lines).toEqual([welcome]);
    expect(match!.words.map((w) => w.text)).toEqual(['Welcome,', 'Alice']);
    expect(match!.box).toEqual({ x: 100, y: 50, width: 140, height: 20 });
  });

  it('matches part of a line and boxes only the matched words', () => {
    const match = findPhrase([line('Hello there. Welcome, Alice! Enjoy your stay')], 'welcome alice');
    expect(match!.score).toBe(1);
    expect(match!.text).toBe('Welcome, Alice!');
    expect(match!.box.x).toBe(130);
    expect(match!.box.width).toBe(150);
  });

  it('tolerates OCR errors: dropped punctuation, look-alike characters, merged words', () => {
    expect(findPhrase([line('Welcome Alice')], 'Welcome, Alice')!.score).toBe(1);
    const misread = findPhrase([line('We1come, AIice')], 'Welcome, Alice');
    expect(misread).not.toBeNull();
    expect(misread!.score).toBeGreaterThanOrEqual(0.8);
    expect(misread!.score).toBeLessThan(1);
    expect(findPhrase([line('Please SignIn to continue')], 'Sign in')!.text).toBe('SignIn');
  });

  it('does not match a near miss that names something else', () => {
    expect(findPhrase([line('Welcome, Bob')], 'Welcome, Alice')).toBeNull();
    expect(findPhrase([line('Sign up')], 'Sign in')).toBeNull();
    expect(findPhrase([line('Total: $43')], 'Total: $42')).toBeNull();
  });

  it('reports near misses when asked for a lower threshold', () => {
    const near = findPhrase([line('Welcome, Bob')], 'Welcome, Alice', { threshold: 0.5 });
    expect(near).not.toBeNull();
    expect(near!.score).toBeLessThan(0.8);
  });

  it('finds a phrase wrapped onto the line below, unless told not to', () => {
    const upper = line('Your session has', { y: 100 });
    const lower = line('expired. Please sign in', { y: 124 });
    const match = findPhrase([upper, lower], 'session has expired');
    expect(match!.score).toBe(1);
    expect(match!.lines).toEqual([upper, lower]);
    expect(match!.box).toEqual({ x: 0, y: 100, width: 160, height: 44 });
    expect(findPhrase([upper, lower], 'session has expired', { acrossLines: false })).toBeNull();
  });

  it('does not join lines that are far apart', () => {
    const upper = line('Your session has', { y: 100 });
    const distant = line('expired. Please sign in', { y: 400 });
    expect(findPhrase([upper, distant], 'session has expired')).toBeNull();
  });

  it('searches lines that come without word boxes at line granularity', () => {
    const bare: OcrLine = { text: 'Saved successfully', confidence: 0.9, box: { x: 5, y: 5, width: 180, height: 20 }, words: [], source: 'region' };
    const match = findPhrase([bare], 'Saved');
    expect(match!.box).toEqual(bare.box);
  });

  it('returns null for a phrase with nothing to look for', () => {
    expect(findPhrase([line('Anything')], ' “…” ')).toBeNull();
  });
});

describe('findPhraseMatches', () => {
  it('returns each matching line once, best first', () => {
    const exact = line('OK', { y: 200 });
    const misread = line('0K', { y: 100 });
    const matches = findPhraseMatches([misread, line('Cancel'), exact], 'OK', { threshold: 0.5 });
    expect(matches.map((m) => m.line)).toEqual([exact, misread]);
  });
});

describe('a different word is not an OCR slip', () => {
  it('tells the phrase read with slips from another text that merely looks alike', () => {
    const agree = (read: string, phrase: string) => findPhrase([line(read)], phrase, { threshold: 0.6 })?.sameWords;
    expect(agree('We1come, AIice', 'Welcome, Alice')).toBe(true);
    expect(agree('Please SignIn', 'Sign in')).toBe(true);
    expect(agree('Invahd password', 'Invalid password')).toBe(true);
    expect(agree('e-mail sent', 'email sent')).toBe(true);
    expect(agree('Archive', 'Archived')).toBe(false);
    expect(agree('PASS src/sum.test.js', 'RUNS src/sum.test.js')).toBe(false);
    expect(agree('5) src/sum.test.js', 'RUNS src/sum.test.js')).toBe(false);
    expect(agree('Card number is valid', 'Card number is invalid')).toBe(false);
  });
});

describe('a phrase across a gap in its row', () => {
  it('reads a label and its value aligned in columns as one phrase', () => {
    const label = line('Time:', { x: 17, y: 503 });
    const value = line('5.297 s', { x: 134, y: 504 });
    const match = findPhrase([label, line('Ran all test suites.', { x: 17, y: 522 }), value], 'Time: 5.297 s');
    expect(match?.sameWords).toBe(true);
    expect(match!.lines).toEqual([label, value]);
    // A column far away on the same row is another text.
    expect(findPhrase([label, line('5.297 s', { x: 900, y: 504 })], 'Time: 5.297 s')).toBeNull();
  });
});
