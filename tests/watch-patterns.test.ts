import { describe, expect, it } from 'vitest';
import { vaiderRulesSchema } from '../src/config/schema.js';
import { watchPatterns } from '../src/watcher/watch-patterns.js';

const patterns = watchPatterns(vaiderRulesSchema.parse({}));

describe('what the watcher picks up', () => {
  it.each([
    ['test-output/login.mp4', true],
    ['test-output/deep/er/login.mp4', true],
    ['test-output/login.webm', true],
    ['test-results/login-chromium/video.webm', true],
    ['test-results/login-chromium/test-failed-1.png', true],
    ['test-output/login.mp4.VaiderInteractions/keyframes/01_at_0.00s.png', false],
    ['test-output/login.mp4.expect.md', false],
    ['node_modules/x/test-output/a.mp4', false],
    ['src/video.mp4', false],
    ['.vaider/runs.json', false],
  ])('%s → %s', (file, expected) => {
    expect(patterns.matches(file)).toBe(expected);
  });

  it('prunes folders that cannot hold a match, and Vaider’s own', () => {
    expect(patterns.ignores('src', true)).toBe(true);
    expect(patterns.ignores('node_modules', true)).toBe(true);
    expect(patterns.ignores('test-output', true)).toBe(false);
    expect(patterns.ignores('test-output/a/b', true)).toBe(false);
    expect(patterns.ignores('test-output/login.mp4.VaiderInteractions', true)).toBe(true);
    expect(patterns.ignores('.vaider', true)).toBe(true);
  });
});
