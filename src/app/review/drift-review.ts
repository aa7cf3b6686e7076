import { VaiderError } from '../../base/errors.js';
import type { ResolvedConfig } from '../../config/load-config.js';
import type { Baseline, BaselineMask } from '../../drift/baseline-store.js';
import type { RunService } from '../runs/run-service.js';
import type { RunRecord } from '../runs/run-types.js';
import { acceptMasks, currentBaseline } from '../screens/drift-check.js';

/** What reviewing a run's drift needs of the application. */
export interface DriftReviewDeps {
  config: ResolvedConfig;
  runs: RunService;
  approveBaseline(run: { id: string; input: string; keyframes: Array<{ index: number; time: number; path: string }> }): Promise<Baseline>;
}

/** The baseline a drift review shows beside the run: each screen's file, and the accepted masks. */
export interface BaselineView {
  key: string;
  approved_at: string | null;
  source_run: string | null;
  screens: Array<{ index: number; time: number; path: string }>;
  masks: BaselineMask[];
}

function finished(run: RunRecord): RunRecord & { result: NonNullable<RunRecord['result']> } {
  if (run.state !== 'done' || !run.result) throw new VaiderError('BAD_ARGUMENT', `Run ${run.id} is ${run.state}; only a finished run's drift can be reviewed.`, { id: run.id });
  return run as RunRecord & { result: NonNullable<RunRecord['result']> };
}

/**
 * A person's review of a run's drift, as the viewer offers it: accept (the run's screens become the
 * baseline, as `vaider baseline approve` does), reject (the drift is a regression: the baseline stays),
 * or accept learned dynamic regions as masks of the baseline.
 */
export function driftReview({ config, runs, approveBaseline }: DriftReviewDeps) {
  return {
    async baseline(runId: string): Promise<BaselineView | null> {
      const run = await runs.get(runId);
      const baseline = await currentBaseline(config, run.input);
      if (!baseline) return null;
      return {
        key: baseline.key,
        approved_at: baseline.approved_at,
        source_run: baseline.source_run,
        screens: baseline.screens.map((s, i) => ({ index: s.index, time: s.time, path: baseline.paths[i]! })),
        masks: baseline.masks ?? [],
      };
    },
    async accept(runId: string): Promise<{ run: RunRecord; baseline: Baseline }> {
      const run = finished(await runs.get(runId));
      const baseline = await approveBaseline({ id: run.id, input: run.input, keyframes: run.result.keyframes });
      return { run: await runs.review(run.id, 'accepted'), baseline };
    },
    // The run service checks the run is finished, as for every review.
    reject: (runId: string): Promise<RunRecord> => runs.review(runId, 'rejected'),
    async acceptMasks(runId: string, masks: BaselineMask[]): Promise<Baseline> {
      const run = finished(await runs.get(runId));
      return acceptMasks(config, run.input, masks);
    },
  };
}

export type DriftReviewer = ReturnType<typeof driftReview>;
