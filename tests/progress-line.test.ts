import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/cli/output.js';

const reading = { stage: 'timeline', fraction: 0.42, message: 'reading 4.2 of 10.0 s' } as const;

describe('the progress line', () => {
  it('shows the bar, the percentage and the message when they fit', () => {
    expect(progressLine(reading, 79)).toBe('[##########--------------]  42% reading 4.2 of 10.0 s');
  });

  it('drops the bar first, then cuts the message at a word, never mid-word', () => {
    expect(progressLine(reading, 30)).toBe(' 42% reading 4.2 of 10.0 s');
    expect(progressLine(reading, 20)).toBe(' 42% reading 4.2 of…');
    expect(progressLine({ stage: 'probe', fraction: 0, message: 'probing' }, 12)).toBe('  0% probing');
    for (const width of [8, 12, 20, 30, 79]) expect(progressLine(reading, width).length).toBeLessThanOrEqual(width);
  });
});
