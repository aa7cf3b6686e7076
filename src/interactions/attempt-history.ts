import type { AttemptRecord, AttemptSummary, RunStatus } from './interaction-types.js';

/** What only the retry loop and pruning know: kept in `ledger.json`, everything else is derived. */
export interface Ledger {
  retry: RunStatus['retry'];
  attention: string | null;
  /** Counts of pruned analysis attempts, so status.json's totals stay true. */
  carried: RunStatus['attempts'];
  pruned: number;
}

export function emptyLedger(): Ledger {
  return { retry: { mismatch: 0, error: 0 }, attention: null, carried: { total: 0, mismatches: 0, errors: 0 }, pruned: 0 };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The record as it stands: a running attempt whose process is gone was cut short, and says so. */
export function settledRecord(record: AttemptRecord): AttemptRecord {
  if (record.state !== 'running' || processAlive(record.pid)) return record;
  return { ...record, state: 'error', error: { code: 'CANCELLED', message: `The process running it (pid ${record.pid}) stopped before it finished.` } };
}

export function attemptFolderName(attempt: number): string {
  return `attempts/${String(attempt).padStart(3, '0')}`;
}

function summary(record: AttemptRecord): AttemptSummary {
  return {
    attempt: record.attempt,
    kind: record.kind,
    dir: attemptFolderName(record.attempt),
    state: record.state,
    started_at: record.started_at,
    finished_at: record.finished_at,
    verdict: record.verdict?.status ?? null,
    error_code: record.error?.code ?? null,
  };
}

/** status.json from the attempts' own records (settled) and the ledger. */
export function folderStatus(input: string, records: AttemptRecord[], ledger: Ledger): RunStatus {
  const analyses = records.filter((r) => r.kind === 'analysis');
  const latest = records[records.length - 1];
  const lastVerdict = analyses.findLast((r) => r.verdict)?.verdict ?? null;
  const running = records.some((r) => r.state === 'running');
  return {
    input,
    state: running ? 'analyzing' : ledger.attention ? 'needs_attention' : latest?.state === 'error' ? 'error' : 'done',
    attempts: {
      total: ledger.carried.total + analyses.length,
      mismatches: ledger.carried.mismatches + analyses.filter((r) => r.verdict?.status === 'mismatch').length,
      errors: ledger.carried.errors + analyses.filter((r) => r.state === 'error').length,
    },
    retry: ledger.retry,
    attention: ledger.attention,
    last_verdict: lastVerdict && { status: lastVerdict.status, confidence: lastVerdict.confidence, explanation: lastVerdict.explanation },
    last_error: latest?.state === 'error' ? latest.error : null,
    history: records.map(summary),
    pruned: ledger.pruned,
    started_at: latest?.started_at ?? new Date().toISOString(),
    updated_at: new Date().toISOString(),
  };
}

/** Adds a pruned attempt to the ledger's carried counts. */
export function carryPruned(ledger: Ledger, record: AttemptRecord): void {
  ledger.pruned += 1;
  if (record.kind !== 'analysis') return;
  ledger.carried.total += 1;
  if (record.verdict?.status === 'mismatch') ledger.carried.mismatches += 1;
  if (record.state === 'error') ledger.carried.errors += 1;
}
