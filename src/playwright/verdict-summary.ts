import { existsSync } from 'node:fs';
import { interactionsDirFor } from '../interactions/interaction-log.js';
import type { RecordingOutcome } from './analyze-recordings.js';

/** One recording's outcome in a word and a sentence, for the test report and the terminal. */
export interface VerdictSummary {
  /** MATCH, MISMATCH, UNCERTAIN; DESCRIBED when the test had no expectations; ERROR when analysis failed. */
  label: string;
  explanation: string;
  /**
   * The video's interactions folder, not one attempt's: its README and status.json sum up every attempt
   * and lead to the latest. Absent when analysis failed before the folder was made.
   */
  interactionsDir: string | undefined;
}

export function verdictSummary(outcome: RecordingOutcome): VerdictSummary {
  const dir = interactionsDirFor(outcome.recording.video);
  if ('error' in outcome) {
    return { label: 'ERROR', explanation: `${outcome.error.code}: ${outcome.error.message}`, interactionsDir: existsSync(dir) ? dir : undefined };
  }
  const { verdict, description } = outcome.result;
  const interactionsDir = dir;
  if (!verdict) return { label: 'DESCRIBED', explanation: `no expectations; ${description.summary}`, interactionsDir };
  // The overall sentence only counts ("1 of 2 failed."); what went wrong is in the discrepancies.
  return { label: verdict.status.toUpperCase(), explanation: [verdict.explanation, ...verdict.discrepancies].join(' '), interactionsDir };
}
