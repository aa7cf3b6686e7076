import { driftReportSummary } from '../screens/wire-summaries.js';
import type { AnalysisResult } from './analysis-types.js';

/**
 * The machine-readable form of a result for front ends: everything a caller acts on, with the
 * per-word OCR detail left in the interactions folder, where it is referenced rather than repeated.
 */
export function resultSummary(result: AnalysisResult) {
  return {
    input: result.input,
    media: result.media,
    provider: result.provider,
    verdict: result.verdict,
    description: { summary: result.description.summary, steps: result.description.steps },
    keyframes: result.keyframes.map((k) => ({
      index: k.index,
      time: k.time,
      end: k.end,
      change_score: Number(k.changeScore.toFixed(4)),
      reasons: k.reasons,
      why: k.why,
      path: k.path,
    })),
    timeline: result.timelinePath,
    text_timeline: result.textTimelinePath,
    coverage: result.coverage,
    contact_sheet: result.contactSheetPath ?? null,
    interactions_dir: result.interactionsDir,
    expectations_source: result.expectationsSource,
    warnings: result.warnings,
    drift: result.drift && driftReportSummary(result.drift),
    usage: result.usage,
    duration_ms: result.durationMs,
  };
}

export type ResultSummary = ReturnType<typeof resultSummary>;
