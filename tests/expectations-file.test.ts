import { describe, expect, it } from 'vitest';
import { parseExpectationsFile } from '../src/app/analysis/expectations-file.js';

describe('parseExpectationsFile', () => {
  it('reads one expectation per line, skipping blanks and comments and stripping bullets', () => {
    const file = ["# login flow", '', "- shows 'Welcome, Alice'", "* no error message", '  never shows "Error"  ', ''].join('\n');
    expect(parseExpectationsFile(file)).toEqual(["shows 'Welcome, Alice'", 'no error message', 'never shows "Error"']);
  });

  it('joins a run of numbered lines into one ordered expectation, keeping the numbers', () => {
    const file = ["1. 'Sign in to continue'", "2) 'Loading'", '# the slow part', "3. 'Welcome, Alice'", "no error message"].join('\r\n');
    expect(parseExpectationsFile(file)).toEqual(["1. 'Sign in to continue' 2) 'Loading' 3. 'Welcome, Alice'", 'no error message']);
  });

  it('starts a new run after a blank line or when numbering restarts', () => {
    const file = ["1. 'A'", "2. 'B'", '', "1. 'C'", "2. 'D'", "1. 'E'"].join('\n');
    expect(parseExpectationsFile(file)).toEqual(["1. 'A' 2. 'B'", "1. 'C' 2. 'D'", "1. 'E'"]);
  });

  it('ignores a byte-order mark and returns nothing for an empty file', () => {
    expect(parseExpectationsFile("\uFEFFshows 'Hi'")).toEqual(["shows 'Hi'"]);
    expect(parseExpectationsFile('\n# only comments\n\n')).toEqual([]);
  });
});
