import type { ExpectationStatus } from '../screen/verdict.js';
import { attemptFolderName, type Ledger } from './attempt-history.js';
import type { AttemptRecord, RunStatus } from './interaction-types.js';

const WORD = { pass: 'PASS', fail: 'FAIL', uncertain: 'UNCERTAIN' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function result(record: AttemptRecord): string {
  if (record.state === 'running') return 'running';
  if (record.error) return `ERROR ${record.error.code}`;
  return record.verdict ? record.verdict.status.toUpperCase() : 'done';
}

function sameRecording(a: AttemptRecord, b: AttemptRecord): boolean {
  return !!a.recording && !!b.recording && a.recording.size === b.recording.size && a.recording.mtime_ms === b.recording.mtime_ms;
}

/** "new", or "same as #3" when an earlier attempt saw the very same file. */
function recordingWord(record: AttemptRecord, earlier: AttemptRecord[]): string {
  if (!record.recording) return '—';
  const same = earlier.findLast((r) => sameRecording(r, record));
  return same ? `same as #${same.attempt}` : 'new';
}

type Statuses = Map<string, Array<{ attempt: number; status: ExpectationStatus }>>;

function statusesByExpectation(analyses: AttemptRecord[]): Statuses {
  const byExpectation: Statuses = new Map();
  for (const record of analyses) {
    for (const r of record.verdict?.results ?? []) {
      const list = byExpectation.get(r.expectation) ?? [];
      list.push({ attempt: record.attempt, status: r.status });
      byExpectation.set(r.expectation, list);
    }
  }
  return byExpectation;
}

function changesBetween(analyses: AttemptRecord[]): string[] {
  const lines: string[] = [];
  for (let i = 1; i < analyses.length; i++) {
    const before = analyses[i - 1]!;
    const after = analyses[i]!;
    const was = new Map(before.verdict?.results.map((r) => [r.expectation, r.status]) ?? []);
    const changed = (after.verdict?.results ?? []).filter((r) => was.has(r.expectation) && was.get(r.expectation) !== r.status);
    if (changed.length === 0) continue;
    const recording = sameRecording(before, after) ? 'same recording' : 'new recording';
    const what = changed.map((r) => `'${r.expectation}' ${WORD[was.get(r.expectation)!]} → ${WORD[r.status]}`).join('; ');
    lines.push(`- #${before.attempt} → #${after.attempt} (${recording}): ${what}`);
  }
  return lines;
}

/** Expectations whose result went back and forth, or differed on the very same recording. */
function flakiness(analyses: AttemptRecord[]): string[] {
  const lines: string[] = [];
  for (const [expectation, seen] of statusesByExpectation(analyses)) {
    const flips = seen.filter((s, i) => i > 0 && s.status !== seen[i - 1]!.status).length;
    const sameRecordingDiffers = analyses.some((a, i) =>
      analyses.slice(0, i).some((b) => sameRecording(a, b) && statusOf(a, expectation) !== undefined && statusOf(b, expectation) !== undefined && statusOf(a, expectation) !== statusOf(b, expectation)),
    );
    if (flips < 2 && !sameRecordingDiffers) continue;
    const runs = seen.map((s) => `#${s.attempt} ${WORD[s.status]}`).join(', ');
    lines.push(`- '${expectation}': ${runs}${sameRecordingDiffers ? ' (differed on the same recording)' : ''}`);
  }
  return lines;
}

function statusOf(record: AttemptRecord, expectation: string): ExpectationStatus | undefined {
  return record.verdict?.results.find((r) => r.expectation === expectation)?.status;
}

/** The folder's README.md: what a person opens first, so the latest result and any call for attention lead. */
export function folderReadme(inputName: string, status: RunStatus, records: AttemptRecord[], ledger: Ledger, keepAttempts: number): string {
  const lines = [`# Vaider: ${inputName}`, ''];
  if (status.attention) lines.push(`> **Needs attention.** ${status.attention}`, '');
  const latest = records[records.length - 1];
  if (latest) {
    const folder = attemptFolderName(latest.attempt);
    const explanation = latest.verdict?.explanation ?? latest.error?.message ?? '';
    lines.push(`**Latest:** attempt ${latest.attempt} (${latest.kind}): ${result(latest)}${explanation ? `: ${explanation}` : ''}`, '');
    lines.push(`Its files: [${folder}/](${folder}/README.md)`, '');
  }
  lines.push('## Attempts', '', '| # | What | Started | Recording | Result | Folder |', '|---|---|---|---|---|---|');
  records.forEach((r, i) => {
    const folder = attemptFolderName(r.attempt);
    lines.push(`| ${r.attempt} | ${r.kind} | ${r.started_at} | ${recordingWord(r, records.slice(0, i))} | ${cell(result(r))} | [${folder}](${folder}/README.md) |`);
  });
  const reruns = records.filter((r) => r.kind === 'rerun').length;
  lines.push(
    '',
    `${status.attempts.total} ${status.attempts.total === 1 ? 'analysis' : 'analyses'} in all (${status.attempts.mismatches} mismatches, ${status.attempts.errors} errors); ` +
      `${reruns} test re-runs kept here. Retry counts since the last match: ${ledger.retry.mismatch} after mismatches, ${ledger.retry.error} after errors.`,
  );
  if (ledger.pruned > 0) lines.push('', `${ledger.pruned} older attempts were removed to keep the last ${keepAttempts} (interactions.keep_attempts); their counts are in the totals.`);
  const analyses = records.filter((r) => r.kind === 'analysis' && r.verdict);
  const changes = changesBetween(analyses);
  if (changes.length) lines.push('', '## What changed between attempts', '', ...changes);
  const flaky = flakiness(analyses);
  if (flaky.length) lines.push('', '## Flaky', '', 'Results that went back and forth, or differed on the same recording:', '', ...flaky);
  lines.push(
    '',
    '## Files',
    '',
    '- `attempts/NNN/`: one folder per attempt: `attempt.json`, its `server.log`, numbered request and response files, and for analyses README.md, keyframes and the text timeline',
    '- `status.json`: state, totals, the retry counts and every attempt kept',
    '- `server.log`: JSON lines of what concerns every attempt: giving up, pruning, a file still being written',
    '- `ledger.json`: the retry loop\'s counts and what pruning carried over',
    '',
  );
  return lines.join('\n');
}
