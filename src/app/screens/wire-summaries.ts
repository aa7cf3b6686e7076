import type { DriftReport } from './drift-check.js';
import type { ScreenDrift } from './compare-screens.js';

/**
 * Screen comparisons as front ends send them: snake_case, as on every wire and in every file Vaider
 * writes for people and tools. Inside, everything is camelCase; this is where one becomes the other.
 */

export function driftReportSummary(drift: DriftReport) {
  return {
    baseline: drift.baseline,
    created: drift.created,
    severity: drift.severity,
    screens: drift.screens.map((s) => ({
      current: s.current,
      baseline: s.baseline,
      severity: s.severity,
      reason: s.reason,
      similarity: s.similarity,
      ssim: s.ssim,
      regions: s.regions,
      region_boxes: s.boxes,
      text_changes: s.textChanges,
      diff_image: s.diffImage,
    })),
    added: drift.added,
    removed: drift.removed,
    dynamic_regions: drift.dynamicRegions,
  };
}

export function screenDriftSummary(d: ScreenDrift) {
  return {
    baseline: d.baseline,
    current: d.current,
    width: d.width,
    height: d.height,
    severity: d.severity,
    severity_reason: d.severityReason,
    similarity: d.similarity,
    ssim: d.ssim,
    size_change: d.sizeChange,
    regions: d.regions.map((r) => ({ box: r.box, area_share: r.areaShare, text: r.text })),
    text: d.text,
    semantic: d.semantic,
    diff_image: d.diffImage,
    interactions_dir: d.interactionsDir,
    warnings: d.warnings,
  };
}
