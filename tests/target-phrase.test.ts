import { describe, expect, it } from 'vitest';
import { targetPhrase } from '../src/screen/target-phrase.js';

describe('what an element description says the element reads', () => {
  it.each([
    ['the Sign In button', 'Sign In', true],
    ['click on the Log in link', 'Log in', true],
    ['the button labelled Save changes', 'Save changes', true],
    ['the "Forgot password?" link', 'Forgot password?', true],
    ["the 'Email' field", 'Email', false],
    ['Welcome, Alice heading', 'Welcome, Alice', false],
    ['a Terms of use text', 'Terms of use', false],
  ])('%s → %s', (description, phrase, wantsButton) => {
    expect(targetPhrase(description)).toEqual({ phrase, wantsButton });
  });
});
