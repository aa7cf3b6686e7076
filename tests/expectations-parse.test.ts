import { describe, expect, it } from 'vitest';
import { parseExpectation } from '../src/vision/expectations/parse-expectation.js';
import { normalizeText } from '../src/screen/text-match.js';
import type { ExpectationClause } from '../src/vision/expectations/parsed-expectation.js';

/** The clauses in a compact form: [text, negated, when, quoted]. */
function clausesOf(text: string): [string, boolean, string, boolean][] {
  return parseExpectation(text).clauses.map((c: ExpectationClause) => [c.text, c.negated, c.when, c.quoted]);
}

describe('parseExpectation: quotes', () => {
  it('takes quoted text in straight and typographic quotes', () => {
    expect(clausesOf("The page shows 'Welcome, Alice' after signing in")).toEqual([['Welcome, Alice', false, 'any', true]]);
    expect(clausesOf('shows "Saved"')).toEqual([['Saved', false, 'any', true]]);
    expect(clausesOf('shows “Welcome, Alice” and ‘Sign out’').map(([t]) => t)).toEqual(['Welcome, Alice', 'Sign out']);
  });

  it('does not treat apostrophes inside words as quotes', () => {
    expect(clausesOf("The page doesn't show Alice's 'Settings'")).toEqual([['Settings', true, 'any', true]]);
    expect(clausesOf("shows 'Alice's profile'").map(([t]) => t)).toEqual(["Alice's profile"]);
    expect(clausesOf('shows ‘Alice’s profile’').map(([t]) => t)).toEqual(['Alice’s profile']);
  });

  it('ignores quotes that name what the user acts on', () => {
    expect(clausesOf("After clicking the 'Sign in' button, the page shows 'Welcome'").map(([t]) => t)).toEqual(['Welcome']);
    expect(clausesOf("type 'alice' into the email field and see 'Hello'").map(([t]) => t)).toEqual(['Hello']);
  });
});

describe('parseExpectation: negation', () => {
  it('reads negations before and after the quote', () => {
    expect(clausesOf("does not show 'Invalid password'")).toEqual([['Invalid password', true, 'any', true]]);
    expect(clausesOf('never shows "Error"')).toEqual([['Error', true, 'any', true]]);
    expect(clausesOf("'Error' is not displayed")).toEqual([['Error', true, 'any', true]]);
    expect(clausesOf("no 'Retry' button")).toEqual([['Retry', true, 'any', true]]);
  });

  it('carries a negation over a list of quotes but not across "but"', () => {
    expect(clausesOf("does not show 'A', 'B' or 'C'").map(([, negated]) => negated)).toEqual([true, true, true]);
    expect(clausesOf("does not show 'A' but shows 'B'").map(([, negated]) => negated)).toEqual([true, false]);
  });

  it('does not let an unrelated negation flip a claim', () => {
    expect(clausesOf("Without reloading the page shows 'Saved'")).toEqual([['Saved', false, 'any', true]]);
  });

  it('reads "no error message" as: no error-like text at all', () => {
    const parsed = parseExpectation('no error message');
    expect(parsed.kind).toBe('text');
    expect(parsed.clauses).toEqual([{ target: 'error-text', text: 'error message', quoted: false, negated: true, when: 'any' }]);
    expect(parseExpectation("shows 'Saved' without errors").clauses.map((c) => [c.target, c.negated])).toEqual([
      ['phrase', false],
      ['error-text', true],
    ]);
  });
});

describe('parseExpectation: time', () => {
  it.each([
    ["at first shows 'Loading'", 'first'],
    ["initially shows 'Loading'", 'first'],
    ["shows 'Loading' at the start", 'first'],
    ["at the end shows 'Done'", 'last'],
    ["finally shows 'Done'", 'last'],
    ["shows 'Done' in the end", 'last'],
    ["'Header' is visible throughout", 'always'],
    ["always shows 'Header'", 'always'],
    ["shows 'Done'", 'any'],
  ])('%s → %s', (text, when) => {
    expect(parseExpectation(text).clauses[0]!.when).toBe(when);
  });

  it('reads "never" as negated on any frame, and "disappears" as gone by the end', () => {
    expect(clausesOf("never shows 'Error' throughout")).toEqual([['Error', true, 'any', true]]);
    expect(clausesOf("'Loading…' disappears")).toEqual([['Loading…', true, 'last', true]]);
    expect(clausesOf("no longer shows 'Loading'")).toEqual([['Loading', true, 'last', true]]);
  });

  it('scopes a single cue over the whole claim, and each cue to its own part of a sequence', () => {
    expect(clausesOf("The page shows 'Welcome' and 'Logout' at the end").map(([, , when]) => when)).toEqual(['last', 'last']);
    expect(clausesOf("At first shows 'Loading', then 'Done' at the end").map(([, , when]) => when)).toEqual(['first', 'last']);
  });
});

describe('parseExpectation: order', () => {
  it('orders phrases joined by "then", "first … then" or numbered steps', () => {
    for (const text of ["shows 'Sign in' then 'Welcome'", "first 'Sign in' then 'Welcome'", "1. 'Sign in' 2. 'Welcome'", "'Sign in' → 'Welcome'"]) {
      const parsed = parseExpectation(text);
      expect(parsed.ordered, text).toBe(true);
      expect(parsed.clauses.map((c) => c.text), text).toEqual(['Sign in', 'Welcome']);
    }
  });

  it('puts a phrase that appears "after" another second', () => {
    const parsed = parseExpectation("'Welcome' appears after 'Sign in'");
    expect(parsed.ordered).toBe(true);
    expect(parsed.clauses.map((c) => c.text)).toEqual(['Sign in', 'Welcome']);
  });

  it('does not order phrases merely listed together', () => {
    expect(parseExpectation("shows 'Sign in' and 'Register'").ordered).toBe(false);
  });

  it('reads an opening "After \'A\'" as the moment before the rest, even without a comma', () => {
    const parsed = parseExpectation("After 'Loading' the page starts with 'Welcome'");
    expect(parsed.ordered).toBe(true);
    // "starts with" after another step is where that moment starts, not the opening screen.
    expect(parsed.clauses.map((c) => [c.text, c.when])).toEqual([
      ['Loading', 'any'],
      ['Welcome', 'any'],
    ]);
  });

  it('keeps a later claim it cannot check, with its time words, instead of dropping it', () => {
    const parsed = parseExpectation("After 'Game over!' a new game starts with the score at 0");
    expect(parsed.clauses.map((c) => [c.text, c.when])).toEqual([['Game over!', 'any']]);
    expect(parsed.unjudged).toEqual(['a new game starts with the score at 0']);
    expect(parseExpectation("shows 'Sign in' then the page reloads").unjudged).toEqual(['the page reloads']);
  });

  it('treats what leads to a moment as context, not as a claim', () => {
    for (const text of ["The page shows 'Welcome, Alice' after signing in", "Log in with valid credentials, then 'Welcome' is shown", "The board shows two '1024' tiles before they merge"]) {
      expect(parseExpectation(text).unjudged, text).toEqual([]);
    }
  });
});

describe('parseExpectation: visual properties', () => {
  it.each([
    ["The 'Submit' button is blue", ['blue']],
    ["'Save' is greyed out", ['greyed out']],
    ["the 'Sign in' button is on the right", ['right']],
    ["a spinner appears next to 'Loading'", ['spinner', 'next to']],
    ["'Total' is shown in bold below 'Subtotal'", ['bold', 'below']],
    ['the company logo is centred', ['logo', 'centred']],
  ])('%s is visual: %j', (text, terms) => {
    const parsed = parseExpectation(text);
    expect(parsed.kind).toBe('visual');
    expect(parsed.visualOnly).toEqual(terms);
  });

  it('does not mistake side words outside a position phrase for layout', () => {
    expect(parseExpectation("after entering the right password shows 'Welcome'").kind).toBe('text');
    expect(parseExpectation("shows '2 items left'").kind).toBe('text');
  });
});

describe('parseExpectation: unquoted claims', () => {
  it('extracts the phrase after a verb such as "says" or "shows", or before "appears"', () => {
    expect(clausesOf('the heading says Welcome Alice')).toEqual([['Welcome Alice', false, 'any', false]]);
    expect(clausesOf('shows the dashboard page')).toEqual([['dashboard', false, 'any', false]]);
    expect(clausesOf('shows Sign in')).toEqual([['Sign in', false, 'any', false]]);
    expect(clausesOf('the dashboard is displayed')).toEqual([['dashboard', false, 'any', false]]);
    expect(clausesOf('does not show the settings')).toEqual([['settings', true, 'any', false]]);
  });

  it('reports what it could not read as a claim', () => {
    for (const text of ["Click 'Sign in'", "shows '…'"]) {
      const parsed = parseExpectation(text);
      expect(parsed.kind, text).toBe('unrecognised');
      expect(parsed.clauses, text).toEqual([]);
      expect(parsed.quoted, text).toBe(false);
    }
  });

  it('is plain JSON', () => {
    const parsed = parseExpectation("shows 'Sign in' then 'Welcome' and no error message");
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed);
  });
});

describe('parseExpectation: how long, how many, and claims about a subject', () => {
  it('reads durations and counts as part of the claim, not as visual words', () => {
    const lasting = parseExpectation("'Complete!' stays on screen for at least a second");
    expect(lasting.kind).toBe('text');
    expect(lasting.clauses[0]).toMatchObject({ text: 'Complete!', minSeconds: 1 });
    expect(parseExpectation("'Saved' is shown for less than 1.5 s").clauses[0]).toMatchObject({ maxSeconds: 1.5 });
    const twice = parseExpectation("Two 'I am a toast' notifications are on screen at the same time");
    expect(twice.kind).toBe('text');
    expect(twice.clauses[0]).toMatchObject({ text: 'I am a toast', minCount: 2 });
    expect(parseExpectation("shows '2 seconds ago'").clauses[0]).not.toHaveProperty('minSeconds');
  });

  it('leaves which of several, and drawn states, to a model', () => {
    expect(parseExpectation("The third 'I am a toast' stays up for at least a second").visualOnly).toEqual(['third']);
    expect(parseExpectation("'Cancel gym membership' is shown struck through").visualOnly).toEqual(['struck through']);
  });

  it('takes the subject of "is (no longer) in …" as the text', () => {
    expect(clausesOf('Pay rent is no longer in the list at the end')).toEqual([['Pay rent', true, 'last', false]]);
    expect(clausesOf('Alice Martin is listed in the users table')).toEqual([['Alice Martin', false, 'any', false]]);
  });
});

describe('parseExpectation: conditions and marks', () => {
  it('ends an unquoted claim at a condition', () => {
    expect(clausesOf('The score box shows 21716 when the game is lost').map(([t]) => t)).toEqual(['21716']);
  });

  it('does not require marks standing alone, which OCR drops', () => {
    expect(normalizeText('// Prints the way to reach 24')).toBe('prints the way to reach 24');
  });
});
