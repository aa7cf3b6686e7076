import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openVaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { corpusRecordings, gradeRecording, type Graded } from '../tests/helpers/corpus.js';

function count(graded: Graded[], kind: 'text' | 'visual', grade: Graded['grade']): number {
  return graded.filter((g) => g.label.kind === kind && g.grade === grade).length;
}

function miss(g: Graded): string {
  return `- ${g.grade === 'wrong' ? '**wrong**' : 'uncertain'} (${g.label.kind}, truth ${g.label.truth}, said ${g.result.status} at ${g.result.confidence}): “${g.label.text}” — ${g.result.explanation}`;
}

/** `npm run bench -- corpus`: Vaider's verdicts on the labelled real-app recordings, right / wrong / uncertain. */
export async function corpusBench(): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vaider-corpus-bench-'));
  const vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
  const rows: string[] = [];
  const misses: string[] = [];
  const all: Graded[] = [];
  try {
    for (const recording of await corpusRecordings()) {
      const started = performance.now();
      const graded = await gradeRecording(vaider, recording, dir);
      const seconds = (performance.now() - started) / 1000;
      all.push(...graded);
      rows.push(
        `| ${recording.file} | ${count(graded, 'text', 'right')} / ${count(graded, 'text', 'wrong')} / ${count(graded, 'text', 'uncertain')} | ` +
          `${count(graded, 'visual', 'right')} of ${graded.filter((g) => g.label.kind === 'visual').length} | ${seconds.toFixed(1)} s |`,
      );
      misses.push(...graded.filter((g) => g.grade !== 'right').map((g) => `${miss(g)} *(${recording.file})*`));
    }
  } finally {
    await vaider.close();
    await rm(dir, { recursive: true, force: true });
  }
  const text = all.filter((g) => g.label.kind === 'text');
  const right = text.filter((g) => g.grade === 'right').length;
  const wrong = all.filter((g) => g.grade === 'wrong').length;
  return [
    '### Verdicts on real-app recordings (tests/corpus)',
    '',
    '| recording | text labels: right / wrong / uncertain | visual labels uncertain offline | analysis |',
    '|---|---|---|---|',
    ...rows,
    `| **all** | **${right} / ${text.filter((g) => g.grade === 'wrong').length} / ${text.filter((g) => g.grade === 'uncertain').length}** (${((100 * right) / text.length).toFixed(1)}% right) | **${count(all, 'visual', 'right')} of ${all.length - text.length}** | |`,
    '',
    `Wrong verdicts: ${wrong}. Targets: 0 wrong, ≥ 95% of text labels right, every visual label uncertain.`,
    '',
    misses.length > 0 ? 'Each miss and its cause, as Vaider explained it:' : 'No misses.',
    '',
    ...misses,
    '',
  ];
}
