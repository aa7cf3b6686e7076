import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { corpusRecordings, gradeRecording, type Graded, type Recording } from './helpers/corpus.js';
import { scratchDir } from './helpers/media-fixtures.js';

/**
 * Vaider's verdicts on recordings of real public web apps, against what a person saw in the frames
 * (tests/corpus/README.md). A confident wrong verdict is worse than none: there may be none at all.
 */

let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;
let recordings: Recording[];
const graded: Graded[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-corpus-'));
  // Verdicts are graded here, not speed (bench/corpus.bench.ts times them): on a busy machine the
  // default budget runs out before the end of a recording, and what was not read is only uncertain.
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], analysis_timeout_seconds: 600 } }));
  recordings = await corpusRecordings();
});
afterAll(async () => {
  await vaider.close();
  await cleanup();
});

function describeMiss(g: Graded): string {
  return `${g.label.kind}/${g.label.truth} → ${g.result.status} (${g.result.confidence}): ${g.label.text} — ${g.result.explanation}`;
}

describe('the corpus of real-app recordings', () => {
  it('has at least eight recordings with five or more labels each', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(8);
    for (const recording of recordings) expect(recording.labels.length, recording.file).toBeGreaterThanOrEqual(5);
  });

  it('gives no wrong verdict, judges visual claims uncertain, and gets at least 95% of the text labels right', { timeout: 600_000 }, async () => {
    for (const recording of recordings) graded.push(...(await gradeRecording(vaider, recording, dir)));
    const wrong = graded.filter((g) => g.grade === 'wrong');
    expect(wrong.map(describeMiss)).toEqual([]);
    const text = graded.filter((g) => g.label.kind === 'text');
    const right = text.filter((g) => g.grade === 'right');
    const misses = text.filter((g) => g.grade !== 'right').map(describeMiss);
    expect(right.length / text.length, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
