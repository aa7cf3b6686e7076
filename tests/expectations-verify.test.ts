import { describe, expect, it } from 'vitest';
import { line } from './helpers/ocr-lines.js';
import { verifyExpectations } from '../src/vision/expectations/verify-expectations.js';
import type { ExpectationResult, FrameObservation, OcrLine } from '../src/vision/types.js';

function frame(index: number, time: number, ...lines: OcrLine[]): FrameObservation {
  return { frame: { index, time, path: `/tmp/keyframes/${index}.png`, width: 800, height: 600 }, lines, summary: '' };
}

/** A sign-in recording: form, spinner, a misread welcome, the dashboard. */
const signIn: FrameObservation[] = [
  frame(0, 0, line('Sign in to continue', { y: 40 }), line('Email', { y: 100 }), line('Password', { y: 160 })),
  frame(1, 1.5, line('Loading...', { y: 300 })),
  frame(2, 4, line('We1come, Alice', { x: 200, y: 40 }), line('Dashboard', { y: 100 })),
  frame(3, 6, line('Welcome, Alice', { x: 200, y: 40 }), line('Dashboard', { y: 100 }), line('Sign out', { x: 700, y: 10 })),
];

/** A failed sign-in: the form comes back with an error under it. */
const failedSignIn: FrameObservation[] = [
  frame(0, 0, line('Sign in to continue', { y: 40 })),
  frame(1, 2, line('Sign in to continue', { y: 40 }), line('Invalid password. Try again', { x: 20, y: 220, confidence: 0.92 })),
  frame(2, 3, line('Sign in to continue', { y: 40 })),
];

function verifyOne(expectation: string, observations: FrameObservation[]): ExpectationResult {
  return verifyExpectations([expectation], observations).results[0]!;
}

describe('text that must appear', () => {
  it('passes where the text is read despite OCR errors, with evidence at its first appearance', () => {
    const result = verifyOne("The page shows 'Welcome, Alice' after signing in", signIn);
    expect(result.status).toBe('pass');
    expect(result.evidence).toEqual({ frameIndex: 2, time: 4, path: '/tmp/keyframes/2.png', box: { x: 200, y: 40, width: 140, height: 20 } });
    expect(result.explanation).toContain("'Welcome, Alice'");
    expect(result.explanation).toContain('4.0 s (keyframe 3)');
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it('fails for a near miss naming someone else, pointing at the closest frame', () => {
    const result = verifyOne("shows 'Welcome, Bob'", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence?.frameIndex).toBe(3);
    expect(result.explanation).toContain("closest: 'Welcome, Alice'");
  });

  it('fails on the last frame when nothing came close', () => {
    const result = verifyOne("shows 'Order confirmed'", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ frameIndex: 3, time: 6, path: '/tmp/keyframes/3.png' });
  });

  it('is uncertain when a low-confidence read is nearly the phrase', () => {
    const blurry = [frame(0, 0, line('Wc1c0me, A1ice', { confidence: 0.45 }))];
    const result = verifyOne("shows 'Welcome, Alice'", blurry);
    expect(result.status).toBe('uncertain');
    expect(result.explanation).toContain('low confidence');
  });
});

describe('text that must not appear', () => {
  it('fails at the frame where it appears', () => {
    const result = verifyOne("does not show 'Invalid password'", failedSignIn);
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({ frameIndex: 1, time: 2, box: { x: 20, y: 220 } });
    expect(result.explanation).toContain('2.0 s (keyframe 2)');
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
    expect(failed.evidence?.frameIndex).toBe(1);
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
      "'Sign in to continue' appears at 0.0 s (keyframe 1), then 'Welcome, Alice' (read as 'We1come, Alice') at 4.0 s (keyframe 3).",
    );
  });

  it('accepts two steps on the same keyframe', () => {
    expect(verifyOne("shows 'Sign out' then 'Dashboard'", signIn).status).toBe('pass');
  });

  it('fails at the frame of the step that came too early', () => {
    const result = verifyOne("first 'Welcome, Alice' then 'Loading'", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence?.frameIndex).toBe(1);
    expect(result.explanation).toContain("'Loading' appears at 1.5 s (keyframe 2), before 'Welcome, Alice' first appears at 4.0 s (keyframe 3)");
  });

  it('checks numbered steps in order', () => {
    expect(verifyOne("1. 'Sign in to continue' 2. 'Loading' 3. 'Dashboard'", signIn).status).toBe('pass');
    expect(verifyOne("1. 'Dashboard' 2. 'Loading'", signIn).status).toBe('fail');
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
    expect(notAtEnd.evidence?.frameIndex).toBe(3);
    expect(notAtEnd.explanation).toContain('though it appears at 1.5 s (keyframe 2)');
  });

  it('checks "never" on every frame', () => {
    const result = verifyOne("never shows 'Loading'", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence?.frameIndex).toBe(1);
  });

  it('checks "throughout" on every frame', () => {
    expect(verifyOne("'Sign in to continue' is visible throughout", failedSignIn).status).toBe('pass');
    const result = verifyOne("'Dashboard' is visible throughout", signIn);
    expect(result.status).toBe('fail');
    expect(result.evidence?.frameIndex).toBe(0);
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
    expect(result.explanation).toContain("'Sign out' appears at 6.0 s (keyframe 4)");
    expect(result.evidence?.frameIndex).toBe(3);
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
  it('matches with nothing to check', () => {
    expect(verifyExpectations([], signIn)).toEqual({
      status: 'match',
      confidence: 1,
      results: [],
      discrepancies: [],
      explanation: 'No expectations were given; described only.',
    });
  });

  it('matches when every expectation passes, with the lowest confidence overall', () => {
    const verdict = verifyExpectations(["shows 'Dashboard'", 'no error message'], signIn);
    expect(verdict.status).toBe('match');
    expect(verdict.discrepancies).toEqual([]);
    expect(verdict.confidence).toBe(Math.min(...verdict.results.map((r) => r.confidence)));
  });

  it('mismatches when any expectation fails, listing failed and uncertain ones', () => {
    const verdict = verifyExpectations(["shows 'Dashboard'", "shows 'Order confirmed'", "'Dashboard' is blue"], signIn);
    expect(verdict.status).toBe('mismatch');
    expect(verdict.results.map((r) => r.status)).toEqual(['pass', 'fail', 'uncertain']);
    expect(verdict.discrepancies).toHaveLength(2);
    expect(verdict.discrepancies[0]).toContain("shows 'Order confirmed'");
    expect(verdict.explanation).toBe('1 of 3 failed; 1 of 3 could not be judged.');
  });

  it('is uncertain when nothing fails but something could not be judged', () => {
    expect(verifyExpectations(["shows 'Dashboard'", "'Dashboard' is blue"], signIn).status).toBe('uncertain');
  });

  it('judges a screenshot as one frame at time 0', () => {
    const screenshot = [frame(0, 0, line('Welcome, Alice'))];
    const result = verifyOne("at the end shows 'Welcome, Alice'", screenshot);
    expect(result.status).toBe('pass');
    expect(result.explanation).toContain('0.0 s (keyframe 1)');
  });

  it('treats expectation text as data, not as a pattern', () => {
    const result = verifyOne("shows '(.*)+$ [a-z'", signIn);
    expect(result.status).toBe('fail');
  });
});
