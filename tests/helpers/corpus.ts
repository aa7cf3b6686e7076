import { copyFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Vaider } from '../../src/app/vaider.js';
import type { ExpectationResult } from '../../src/screen/verdict.js';

/** The labelled recordings of real apps in tests/corpus/: what a person saw, against what Vaider says. */

export const CORPUS_DIR = path.join(import.meta.dirname, '..', 'corpus');

export interface Label {
  text: string;
  truth: 'pass' | 'fail';
  kind: 'text' | 'visual';
  classes: string[];
  seen: string;
  note?: string;
}

export interface Recording {
  file: string;
  app: string;
  labels: Label[];
}

export type Grade = 'right' | 'wrong' | 'uncertain';

export interface Graded {
  label: Label;
  result: ExpectationResult;
  /** Text labels: right when Vaider agrees with the person, wrong when it says the opposite. Visual labels are right only when uncertain offline. */
  grade: Grade;
}

export async function corpusRecordings(): Promise<Recording[]> {
  const files = (await readdir(CORPUS_DIR)).filter((f) => f.endsWith('.labels.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const doc = JSON.parse(await readFile(path.join(CORPUS_DIR, file), 'utf8')) as { app: string; expectations: Label[] };
      return { file: file.replace(/\.labels\.json$/, ''), app: doc.app, labels: doc.expectations };
    }),
  );
}

export function grade(label: Label, result: ExpectationResult): Grade {
  if (label.kind === 'visual') return result.status === 'uncertain' ? 'right' : 'wrong';
  if (result.status === 'uncertain') return 'uncertain';
  return result.status === label.truth ? 'right' : 'wrong';
}

/** Analyses one recording, copied into `workDir` so its interactions folder lands there, against all its labels. */
export async function gradeRecording(vaider: Vaider, recording: Recording, workDir: string): Promise<Graded[]> {
  const input = path.join(workDir, recording.file);
  await copyFile(path.join(CORPUS_DIR, recording.file), input);
  const result = await vaider.analyze({ input, expectations: recording.labels.map((l) => l.text), requestedBy: 'corpus' });
  return recording.labels.map((label, i) => {
    const judged = result.verdict!.results[i]!;
    return { label, result: judged, grade: grade(label, judged) };
  });
}
