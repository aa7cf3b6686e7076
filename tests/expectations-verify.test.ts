import { describe, expect, it } from 'vitest';
import { line } from './helpers/ocr-lines.js';
import { timelineOf, type StateSpec } from './helpers/timelines.js';
import type { JudgedResult } from '../src/vision/expectations/evaluate-expectation.js';
import { judgeExpectations, verdictFromResults, withEvidenceFrames } from '../src/vision/expectations/verify-expectations.js';
import { stillTimeline, type TextTimeline } from '../src/vision/timeline/text-timeline.js';
import type { OcrLine } from '../src/screen/ocr-text.js';
import type { Verdict } from '../src/screen/verdict.js';

function frame(_index: number, time: number, ...lines: OcrLine[]): StateSpec {
  return { time, lines };
}

/** The verdict with each evidence shown by a frame named after its moment's state. */
async function verifyExpectations(expectations: string[], states: StateSpec[] | TextTimeline): Promise<Verdict> {
  const timeline = Array.isArray(states) ? timelineOf(states) : states;
  const results = await withEvidenceFrames(judgeExpectations(expectations, timeline), async (time) => {
    const state = timeline.states.findLast((s) => s.start <= time)!;
    return { index: state.index, path: `/tmp/keyframes/${state.index}.png` };
  });
  return verdictFromResults(results);
}

/** A sign-in recording: form, spinner, a misread welcome, the dashboard. */
const signIn: StateSpec[] = [
  frame(0, 0, line('Sign in to continue', { y: 40 }), line('Email', { y: 100 }), line('Password', { y: 160 })),
  frame(1, 1.5, line('Loading...', { y: 300 })),
  frame(2, 4, line('We1come, Alice', { x: 200, y: 40 }), line('Dashboard', { y: 100 })),
  frame(3, 6, line('Welcome, Alice', { x: 200, y: 40 }), line('Dashboard', { y: 100 }), line('Sign out', { x: 700, y: 10 })),
];

/** A failed sign-in: the form comes back with an error under it. */
const failedSignIn: StateSpec[] = [
  frame(0, 0, line('Sign in to continue', { y: 40 })),
  frame(1, 2, line('Sign in to continue', { y: 40 }), line('Invalid password. Try again', { x: 20, y: 220, confidence: 0.92 })),
  frame(2, 3, line('Sign in to continue', { y: 40 })),
];

function verifyOne(expectation: string, states: StateSpec[] | TextTimeline): JudgedResult {
  const timeline = Array.isArray(states) ? timelineOf(states) : states;
  return judgeExpectations([expectation], timeline)[0]!;
}

describe('text that must appear', () => {
  it('passes where the text is read despite OCR errors, with evidence at its first appearance', () => {
    const result = verifyOne("The page shows 'Welcome, Alice' after signing in", signIn);
    expect(result.status).toBe('pass');
    expect(result.evidence).toEqual({ state: 2, time: 4, end: 8, box: { x: 200, y: 40, width: 140, height: 20 } });
    expect(result.explanation).toContain("'Welcome, Alice'");
    expect(result.explanation).toContain('at 4.0–8.0 s');
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it('fails for a near miss naming someone else, pointing at the closest frame', () => {
    const result = verifyOne("shows 'Welcome, Bob'", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence?.state).toBe(3);
    expect(result.explanation).toContain("closest: 'Welcome, Alice' at 6.0–8.0 s");
  });

  it('fails on the last frame when nothing came close', () => {
    const result = verifyOne("shows 'Order confirmed'", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ state: 3, time: 6, end: 8 });
  });

  it('is uncertain when a low-confidence read is nearly the phrase', () => {
    const blurry = [frame(0, 0, line('Wc1c0me, A1ice', { confidence: 0.45 }))];
    const result = verifyOne("shows 'Welcome, Alice'", blurry);
    expect(result.status).toBe('uncertain');
    expect(result.explanation).toContain('not sure enough of its words to tell');
  });
});

describe('text that must not appear', () => {
  it('fails at the frame where it appears', () => {
    const result = verifyOne("does not show 'Invalid password'", failedSignIn);
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({ state: 1, time: 2, end: 2.9, box: { x: 20, y: 220 } });
    expect(result.explanation).toContain('at 2.0–2.9 s');
  });

  it('passes when it is nowhere', () => {
    expect(verifyOne("never shows 'Invalid password'", signIn).status).toBe('pass');
  });

  it('reads "no error message" as no error-like wording, with less confidence than a quote', () => {
    const clean = verifyOne('no error message', signIn);
    expect(clean.status).toBe('pass');
    expect(clean.confidence).toBeLessThan(verifyOne("never shows 'Invalid password'", signIn).confidence);

    const failed = verifyOne('no error message', failedSignIn);
    expect(failed.status).toBe('fail');
    expect(failed.evidence?.state).toBe(1);
    expect(failed.explanation).toContain("'Invalid password. Try again'");
  });

  it('does not count reassurances such as "No errors found" as error messages', () => {
    const report = [frame(0, 0, line('Import finished'), line('No errors found', { y: 40 }), line('0 errors, 2 files', { y: 70 }))];
    expect(verifyOne('there is no error', report).status).toBe('pass');
    const failures = [frame(0, 0, line('Import finished'), line('3 errors, 2 files', { y: 70 }))];
    expect(verifyOne('there is no error', failures).status).toBe('fail');
  });
});

describe('order', () => {
  it('passes when each step appears at or after the previous one', () => {
    const result = verifyOne("shows 'Sign in to continue' then 'Welcome, Alice'", signIn);
    expect(result.status).toBe('pass');
    expect(result.explanation).toBe(
      "'Sign in to continue' appears at 0.0–1.4 s, then 'Welcome, Alice' (read as 'We1come, Alice') at 4.0–5.9 s.",
    );
  });

  it('accepts two steps on the same keyframe', () => {
    expect(verifyOne("shows 'Sign out' then 'Dashboard'", signIn).status).toBe('pass');
  });

  it('fails at the frame of the step that came too early', () => {
    const result = verifyOne("first 'Welcome, Alice' then 'Loading'", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence?.state).toBe(1);
    expect(result.explanation).toContain("'Loading' appears at 1.5–3.9 s, before 'Welcome, Alice' first appears at 4.0–5.9 s");
  });

  it('checks numbered steps in order', () => {
    expect(verifyOne("1. 'Sign in to continue' 2. 'Loading' 3. 'Dashboard'", signIn).status).toBe('pass');
    expect(verifyOne("1. 'Dashboard' 2. 'Loading'", signIn).status).toBe('fail');
  });

  it('does not pass on half a claim: a later step it cannot check leaves it uncertain, and a failure still fails', () => {
    const partly = verifyOne("shows 'Sign in to continue' then the dashboard loads its charts", signIn);
    expect(partly.status).toBe('uncertain');
    expect(partly.explanation).toContain("OCR text cannot judge 'the dashboard loads its charts'");
    expect(verifyOne("shows 'Order confirmed' then the dashboard loads its charts", signIn).status).toBe('fail');
  });

  it('fails a sequence whose step never appears, naming that step', () => {
    const result = verifyOne("shows 'Sign in to continue' then 'Order confirmed'", signIn);
    expect(result.status).toBe('fail');
    expect(result.explanation).toContain("'Order confirmed' does not appear");
  });
});

describe('time', () => {
  it('checks the first and last frames', () => {
    expect(verifyOne("at first shows 'Sign in to continue'", signIn).status).toBe('pass');
    expect(verifyOne("at the end shows 'Sign out'", signIn).status).toBe('pass');
    const notAtEnd = verifyOne("finally shows 'Loading'", signIn);
    expect(notAtEnd.status).toBe('fail');
    expect(notAtEnd.evidence?.state).toBe(3);
    expect(notAtEnd.explanation).toContain('though it appears at 1.5–3.9 s');
  });

  it('checks "never" on every frame', () => {
    const result = verifyOne("never shows 'Loading'", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence?.state).toBe(1);
  });

  it('checks "throughout" on every frame', () => {
    expect(verifyOne("'Sign in to continue' is visible throughout", failedSignIn).status).toBe('pass');
    const result = verifyOne("'Dashboard' is visible throughout", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence?.state).toBe(0);
  });

  it('reads "disappears" as gone by the last frame', () => {
    expect(verifyOne("'Loading…' disappears", signIn).status).toBe('pass');
    expect(verifyOne("'Dashboard' disappears", signIn).status).toBe('fail');
  });
});

describe('what OCR cannot judge', () => {
  it('stays uncertain for colours even when the quoted text is there, and says so', () => {
    const result = verifyOne("The 'Sign out' button is red", signIn);
    expect(result.status).toBe('uncertain');
    expect(result.explanation).toContain("'red'");
    expect(result.explanation).toContain("'Sign out' appears at 6.0–8.0 s");
    expect(result.evidence?.state).toBe(3);
  });

  it('stays uncertain for layout and icons', () => {
    expect(verifyOne("'Dashboard' is shown below 'Welcome, Alice'", signIn).status).toBe('uncertain');
    expect(verifyOne('a spinner is shown while loading', signIn).status).toBe('uncertain');
  });

  it('is uncertain when no text was read on any frame', () => {
    const blank = [frame(0, 0), frame(1, 2)];
    expect(verifyOne("shows 'Welcome'", blank).status).toBe('uncertain');
    expect(verifyOne("never shows 'Error'", blank).status).toBe('uncertain');
  });
});

describe('unquoted claims', () => {
  it('pass with lower confidence when the words are read', () => {
    const result = verifyOne('the heading says Welcome Alice', signIn);
    expect(result.status).toBe('pass');
    expect(result.confidence).toBeLessThan(0.7);
  });

  it('are uncertain, never failed, when the words are not read', () => {
    const result = verifyOne('shows the settings page', signIn);
    expect(result.status).toBe('uncertain');
    expect(result.explanation).toContain("'settings'");
  });
});

describe('verifyExpectations', () => {
  it('matches with nothing to check', async () => {
    expect(await verifyExpectations([], signIn)).toEqual({
      status: 'match',
      confidence: 1,
      results: [],
      discrepancies: [],
      explanation: 'No expectations were given; described only.',
    });
  });

  it('matches when every expectation passes, with the lowest confidence overall', async () => {
    const verdict = await verifyExpectations(["shows 'Dashboard'", 'no error message'], signIn);
    expect(verdict.status).toBe('match');
    expect(verdict.discrepancies).toEqual([]);
    expect(verdict.confidence).toBe(Math.min(...verdict.results.map((r) => r.confidence)));
  });

  it('mismatches when any expectation fails, listing failed and uncertain ones', async () => {
    const verdict = await verifyExpectations(["shows 'Dashboard'", "shows 'Order confirmed'", "'Dashboard' is blue"], signIn);
    expect(verdict.status).toBe('mismatch');
    expect(verdict.results.map((r) => r.status)).toEqual(['pass', 'fail', 'uncertain']);
    expect(verdict.discrepancies).toHaveLength(2);
    expect(verdict.discrepancies[0]).toContain("shows 'Order confirmed'");
    expect(verdict.explanation).toBe('1 of 3 failed; 1 of 3 could not be judged.');
  });

  it('is uncertain when nothing fails but something could not be judged', async () => {
    expect((await verifyExpectations(["shows 'Dashboard'", "'Dashboard' is blue"], signIn)).status).toBe('uncertain');
  });

  it('judges a screenshot as one moment', () => {
    const result = verifyOne("at the end shows 'Welcome, Alice'", stillTimeline([line('Welcome, Alice')], []));
    expect(result.status).toBe('pass');
    expect(result.explanation).toBe("'Welcome, Alice' appears on the screenshot.");
  });

  it('treats expectation text as data, not as a pattern', () => {
    const result = verifyOne("shows '(.*)+$ [a-z'", signIn);
    expect(result.status).toBe('fail');
  });
});

describe('verdicts rest on every moment, and never pass what was not seen', () => {
  /** A to-do list: 'Pay rent' is on screen for one sampled frame between two others. */
  const todo: StateSpec[] = [
    { time: 0, lines: [line('todos', { y: 10 }), line('Buy milk', { y: 60 })] },
    { time: 1.2, lines: [line('todos', { y: 10 }), line('Buy milk', { y: 60 }), line('Pay rent', { y: 100 })] },
    { time: 1.3, lines: [line('todos', { y: 10 }), line('Buy milk', { y: 60 })] },
  ];

  it("fails 'never shown' for text that was on screen for a single sampled frame", () => {
    const result = verifyOne("'Pay rent' is never shown", todo);
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({ state: 1, time: 1.2, end: 1.2 });
    expect(result.explanation).toContain("'Pay rent' appears at 1.2 s but should never appear");
  });

  it('leaves an absence uncertain when part of the video was not read, naming the gap', () => {
    const unread: StateSpec[] = [todo[0]!, { time: 1.2, read: 'unread' }, todo[2]!];
    const result = verifyOne("'Pay rent' is never shown", unread);
    expect(result.status).toBe('uncertain');
    expect(result.evidence).toMatchObject({ state: 1, time: 1.2 });
    expect(result.explanation).toContain('the screen at 1.2 s was not read (1 of 3 screen states), so it cannot be ruled out');
  });

  it('leaves a missing phrase uncertain, not failed, when part of the video was not read', () => {
    const unread: StateSpec[] = [todo[0]!, { time: 1.2, read: 'unread' }, todo[2]!];
    expect(verifyOne("shows 'Pay rent'", unread).status).toBe('uncertain');
    expect(verifyOne("shows 'Buy milk'", unread).status).toBe('pass');
  });

  it('judges nothing "at the end" or "throughout" on the last screen read when the screens after it were not', () => {
    // The time budget ran out while the dialog was still open: what the video ends on is unknown.
    const dialog = line('File Download', { y: 200 });
    const cutShort: StateSpec[] = [frame(0, 0, line('Downloads', { y: 40 })), frame(1, 2, line('Downloads', { y: 40 }), dialog), { time: 4, read: 'unread' }];
    for (const expectation of ["'File Download' is shown at the end", "'File Download' is not shown at the end", "'Downloads' is shown throughout"]) {
      const result = verifyOne(expectation, cutShort);
      expect(result.status, `${expectation}: ${result.explanation}`).toBe('uncertain');
      expect(result.explanation).toContain('was not read');
    }
    // Read to the end, the same claims are judged.
    const whole = [...cutShort.slice(0, 2), frame(2, 4, line('Downloads', { y: 40 }))];
    expect(verifyOne("'File Download' is shown at the end", whole).status).toBe('fail');
    expect(verifyOne("'Downloads' is shown throughout", whole).status).toBe('pass');
  });

  it('leaves an absence uncertain where a place held text OCR could not read', () => {
    const place = { x: 300, y: 200, width: 120, height: 30 };
    const blurred: StateSpec[] = [todo[0]!, { ...todo[2]!, time: 1.3, illegible: [place] }];
    const result = verifyOne("'Pay rent' is never shown", blurred);
    expect(result.status).toBe('uncertain');
    expect(result.evidence).toMatchObject({ state: 1, box: place });
    expect(result.explanation).toContain('a place at (300, 200) held text OCR could not read');
    expect(verifyOne("shows 'Pay rent'", blurred).status).toBe('uncertain');
  });

  it('reads "at first" as the first moment with text: recordings open on a blank page', () => {
    const opening: StateSpec[] = [{ time: 0 }, ...todo.map((s) => ({ ...s, time: s.time + 0.5 }))];
    expect(verifyOne("at first the page shows 'Buy milk'", opening).status).toBe('pass');
    expect(verifyOne("'todos' is shown throughout", opening).status).toBe('pass');
  });

  it('gives each evidence the saved frame of its moment', async () => {
    const verdict = await verifyExpectations(["'Pay rent' is never shown"], todo);
    expect(verdict.results[0]!.evidence).toEqual({
      frameIndex: 1,
      time: 1.2,
      end: 1.2,
      path: '/tmp/keyframes/1.png',
      box: { x: 0, y: 100, width: 80, height: 20 },
    });
  });
});

describe('near misses', () => {
  const runner = (confidence: number): StateSpec[] => [
    { time: 0, lines: [line('PASS src/sum.test.js', { confidence })] },
    { time: 1, lines: [line('Archive', { y: 60, confidence })] },
  ];

  it('does not pass a phrase for a surely read text with another word in it', () => {
    const result = verifyOne("shows 'RUNS src/sum.test.js'", runner(0.95));
    expect(result.status).toBe('fail');
    expect(result.explanation).toContain("closest: 'PASS src/sum.test.js'");
    expect(verifyOne("shows 'Archived'", runner(0.95)).status).toBe('fail');
    expect(verifyOne("'Archived' is never shown", runner(0.96)).status).toBe('pass');
  });

  it('leaves a near miss uncertain when OCR was not sure of its words, an absence sooner than a presence', () => {
    expect(verifyOne("shows 'Archived'", runner(0.6)).status).toBe('uncertain');
    expect(verifyOne("'Archived' is never shown", runner(0.85)).status).toBe('uncertain');
    expect(verifyOne("shows 'Archived'", runner(0.85)).status).toBe('fail');
  });
});

describe('how long and how many', () => {
  const download: StateSpec[] = [
    { time: 0, lines: [line('Downloading', { y: 10 })] },
    { time: 2, lines: [line('Complete!', { y: 10 })] },
    { time: 2.3, lines: [line('Start', { y: 10 })] },
    { time: 4, lines: [line('Saved', { y: 10 }), line('Saved', { y: 200 })] },
  ];

  it('judges "for at least" and "for less than" on how long the text stayed, to one sample', () => {
    const brief = verifyOne("'Complete!' stays on screen for at least a second", download);
    expect(brief.status).toBe('fail');
    expect(brief.explanation).toBe("'Complete!' is on screen for 0.3 s, at 2.0–2.2 s at the longest, not 1 s.");
    expect(verifyOne("'Complete!' is shown for less than 1 s", download).status).toBe('pass');
    expect(verifyOne("'Downloading' stays up for at least 2 seconds", download).status).toBe('pass');
    expect(verifyOne("'Downloading' is shown for less than 1.5 s", download).status).toBe('fail');
  });

  it('counts places showing the same text at once, and never fails a count OCR may have missed', () => {
    expect(verifyOne("two 'Saved' messages are shown at the same time", download).status).toBe('pass');
    const three = verifyOne("three 'Saved' messages are shown", download);
    expect(three.status).toBe('uncertain');
    expect(three.explanation).toContain('not 3; OCR may have missed one');
  });
});

describe('text that leaves one place and stays at another', () => {
  it('is uncertain about "gone at the end", since which one is meant is not in the text', () => {
    const toast: StateSpec[] = [
      { time: 0, lines: [line('Message: Session expired', { y: 10 })] },
      { time: 1, lines: [line('Message: Session expired', { y: 10 }), line('Session expired', { x: 400, y: 500 })] },
      { time: 2, lines: [line('Message: Session expired', { y: 10 })] },
    ];
    const result = verifyOne("The 'Session expired' notification is gone at the end", toast);
    expect(result.status).toBe('uncertain');
    expect(result.explanation).toContain('left one place (400, 500)');
    const once: StateSpec[] = [toast[0]!, { time: 1, lines: [line('Message: Session expired', { y: 10 })] }];
    expect(verifyOne("'Session expired' is gone at the end", once).status).toBe('fail');
  });
});

describe('error messages in other words', () => {
  it('recognises declines and expiries, not a lone "Error" label or a hint that was there from the start', () => {
    const page = (...lines: OcrLine[]): StateSpec[] => [
      { time: 0, lines: [line('Error', { y: 10 }), line('All form fields are required.', { y: 40 })] },
      { time: 1, lines: [line('Error', { y: 10 }), line('All form fields are required.', { y: 40 }), ...lines] },
    ];
    expect(verifyOne('No error message is shown', page()).status).toBe('pass');
    expect(verifyOne('No error message is shown', page(line('Payment declined', { y: 300 }))).status).toBe('fail');
    expect(verifyOne('No error message is shown', page(line('Session expired', { y: 300 }))).status).toBe('fail');
    expect(verifyOne('No error message is shown', page(line('Name must be between 3 and 16 characters', { y: 300 }))).status).toBe('fail');
  });

  it('fails "an error message appears" when every moment was read and none reads like one', () => {
    expect(verifyOne('An error message appears', signIn).status).toBe('fail');
    expect(verifyOne('An error message appears', failedSignIn).status).toBe('pass');
    const unread: StateSpec[] = [...signIn, { time: 8, read: 'unread' }];
    expect(verifyOne('An error message appears', unread).status).toBe('uncertain');
  });
});

describe('a phrase read in part', () => {
  const wrapped = (illegible: StateSpec['illegible'] = []): StateSpec[] => [
    {
      time: 0,
      lines: [line('Length of username must be between', { x: 360, y: 258 }), line('16.', { x: 411, y: 277 })],
      illegible,
    },
  ];

  it('is uncertain when unreadable text stands where the rest would be', () => {
    const result = verifyOne("shows 'Length of username must be between 3 and 16.'", wrapped([{ x: 362, y: 277, width: 40, height: 20 }]));
    expect(result.status).toBe('uncertain');
    expect(result.explanation).toContain("OCR read only 'Length of username must be between' of it there, and not what stands after it");
  });

  it('is what it says when read surely with nothing unreadable beside it', () => {
    expect(verifyOne("shows 'Length of username must be between 3 and 16.'", wrapped()).status).toBe('fail');
    expect(verifyOne("never shows 'Invalid password'", [{ time: 0, lines: [line('Password', { x: 356, y: 453 })] }]).status).toBe('pass');
  });

  it('is uncertain when OCR was unsure of the part it read', () => {
    const faint: StateSpec[] = [{ time: 0, lines: [line('over:', { x: 400, y: 300, confidence: 0.59 })] }];
    expect(verifyOne("'Game over!' is shown", faint).status).toBe('uncertain');
    expect(verifyOne("'Game over!' is never shown", faint).status).toBe('uncertain');
  });
});
