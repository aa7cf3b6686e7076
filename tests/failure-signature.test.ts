import { describe, expect, it } from 'vitest';
import { failureSignature, repeatsItself } from '../src/app/flows/failure-signature.js';

describe('failure signatures for the flow rerun loop', () => {
  it('ignores numbers, so the same timeout is the same failure', () => {
    expect(failureSignature({ step: 3, message: 'no text after 5012 ms' }, [])).toBe(failureSignature({ step: 3, message: 'no text after 5009 ms' }, []));
    expect(failureSignature({ step: 3, message: 'x' }, [])).not.toBe(failureSignature({ step: 4, message: 'x' }, []));
  });

  it('names the missed expectations in any order, and nothing when all passed', () => {
    expect(failureSignature(null, ['b', 'a'])).toBe(failureSignature(null, ['a', 'b']));
    expect(failureSignature(null, [])).toBeNull();
  });

  it('stops after the same failure three times in a row, not when failures differ', () => {
    expect(repeatsItself(['a', 'a'])).toBe(false);
    expect(repeatsItself(['a', 'a', 'a'])).toBe(true);
    expect(repeatsItself(['a', 'b', 'a'])).toBe(false);
    expect(repeatsItself([null, null, null])).toBe(false);
  });
});
