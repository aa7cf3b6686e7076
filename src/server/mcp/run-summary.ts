import type { RunRecord } from '../../app/runs/run-types.js';

/** The short form of a run for listings. */
export function runSummary(run: RunRecord) {
  return {
    id: run.id,
    input: run.input,
    test_title: run.test_title ?? null,
    state: run.state,
    verdict: run.result ? (run.result.verdict?.status ?? 'described') : null,
    expectations: run.expectations,
    requested_by: run.requested_by,
    provider: run.provider,
    duration_ms: run.result?.duration_ms ?? null,
    drift: run.result?.drift?.severity ?? null,
    review: run.review?.decision ?? null,
    interactions_dir: run.result?.interactions_dir ?? null,
    error: run.error,
    created_at: run.created_at,
    updated_at: run.updated_at,
  } as const;
}
