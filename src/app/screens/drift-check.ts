import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/load-config.js';
import { baselineStore, type Baseline, type BaselineMask } from '../../drift/baseline-store.js';
import { matchScreens } from '../../drift/match-screens.js';
import { areaFingerprint, openDynamicRegions } from '../../drift/dynamic-regions.js';
import { compareScreenFiles } from '../../drift/compare-screens.js';
import { worstSeverity, type DriftSeverity } from '../../drift/severity.js';
import { VaiderError } from '../../base/errors.js';
import { writeFileAtomic } from '../../base/atomic-write.js';
import { resolveInsideRoots } from '../../base/allowed-roots.js';
import type { VisionProvider } from '../../vision/types.js';

export { atLeast, DRIFT_SEVERITIES, type DriftSeverity } from '../../drift/severity.js';

export interface DriftScreen {
  current: number;
  baseline: number;
  severity: DriftSeverity;
  reason: string;
  similarity: number;
  ssim: number;
  regions: number;
  /** Where the changed regions are on the current screen, for outlining them. */
  boxes: Array<{ x: number; y: number; width: number; height: number }>;
  textChanges: string[];
  diffImage: string;
}

export interface DriftSuggestion {
  /** The baseline screen. */
  baseline: number;
  box: { x: number; y: number; width: number; height: number };
  seen: number;
  /** Left out of this comparison (dynamic_regions.auto_mask), or only suggested. */
  masked: boolean;
}

export interface DriftReport {
  /** The test's baseline folder. */
  baseline: string;
  /** This run became the baseline: the test had none. */
  created: boolean;
  severity: DriftSeverity;
  screens: DriftScreen[];
  /** Keyframes with no baseline screen, and baseline screens with no keyframe: the flow changed. */
  added: Array<{ index: number; time: number }>;
  removed: Array<{ index: number; time: number }>;
  /** Areas that differ from run to run (dynamic_regions): suggested ignore regions, or masked. */
  dynamicRegions: DriftSuggestion[];
}

export interface Screen {
  index: number;
  time: number;
  path: string;
}

/** The test a file stands for: its path in the project. */
export function baselineKey(config: ResolvedConfig, input: string): string {
  return path.relative(config.projectRoot, input).split(path.sep).join('/');
}

async function storeFor(config: ResolvedConfig) {
  return baselineStore(await resolveInsideRoots(path.resolve(config.projectRoot, config.rules.baselines_dir), config.allowedRoots));
}

async function learningFor(config: ResolvedConfig) {
  return openDynamicRegions(await resolveInsideRoots(path.resolve(config.projectRoot, config.rules.store_dir), config.allowedRoots));
}

async function withHashes(provider: VisionProvider, screens: Screen[]) {
  return Promise.all(screens.map(async (s) => ({ ...s, dhash: (await provider.embed(s.path)).dhash })));
}

/**
 * Which baseline a drift check of `input` would compare with now ('none' before the first run): part
 * of what an analysis with drift was asked, so an answer given against an older baseline is not reused.
 */
export async function baselineVersion(config: ResolvedConfig, input: string): Promise<string> {
  const baseline = await (await storeFor(config)).get(baselineKey(config, input));
  return baseline ? `${baseline.created_at}/${baseline.approved_at ?? ''}/${baseline.masks?.length ?? 0}` : 'none';
}

/** Makes these screens the test's baseline (`vaider baseline approve`, `vaider_update_baseline`). */
export async function approveBaseline(config: ResolvedConfig, provider: VisionProvider, input: string, screens: Screen[], sourceRun: string | null): Promise<Baseline> {
  // Each analysis rewrites the keyframes folder, so an older run's screens may be gone.
  if (screens.some((s) => !existsSync(s.path))) {
    throw new VaiderError('BAD_ARGUMENT', `The keyframes of run ${sourceRun ?? '?'} were replaced by a later analysis of ${input}; approve the latest run.`, { run: sourceRun });
  }
  const store = await storeFor(config);
  const key = baselineKey(config, input);
  const baseline = await store.put(key, await withHashes(provider, screens), { sourceRun, approved: true });
  // What differed from the old baseline says nothing about the new one.
  const learning = await learningFor(config);
  learning.forget(key);
  await learning.save();
  return baseline;
}

/**
 * Accepts areas of the test's baseline screens as masks (learned dynamic regions a person confirmed):
 * later comparisons leave them out, pixels and text alike.
 */
export async function acceptMasks(config: ResolvedConfig, input: string, masks: BaselineMask[]): Promise<Baseline> {
  const key = baselineKey(config, input);
  const baseline = await (await storeFor(config)).addMasks(key, masks);
  if (!baseline) throw new VaiderError('BAD_ARGUMENT', `${key} has no baseline yet; masks belong to a baseline's screens.`, { key });
  return baseline;
}

/** The test's baseline now, with each screen's file path, or undefined before its first run. */
export async function currentBaseline(config: ResolvedConfig, input: string): Promise<(Baseline & { paths: string[] }) | undefined> {
  const store = await storeFor(config);
  const key = baselineKey(config, input);
  const baseline = await store.get(key);
  return baseline && { ...baseline, paths: baseline.screens.map((s) => store.screenPath(key, s)) };
}

/**
 * Drift of one analyzed input against its baseline, screen by screen: the first run creates the
 * baseline; later runs match each keyframe to a baseline screen by order and look, compare the
 * pairs (pixels, text, severity, a diff image in `drift/` of the interactions folder), and report
 * screens added or removed.
 */
export async function checkDrift(config: ResolvedConfig, provider: VisionProvider, input: string, screens: Screen[], interactionsDir: string): Promise<DriftReport> {
  const store = await storeFor(config);
  const key = baselineKey(config, input);
  const current = await withHashes(provider, screens);
  const baseline = await store.get(key);
  if (!baseline) {
    await store.put(key, current, { sourceRun: null, approved: false });
    return { baseline: store.folderOf(key), created: true, severity: 'none', screens: [], added: [], removed: [], dynamicRegions: [] };
  }

  const pairing = matchScreens(
    current.map((s) => s.dhash),
    baseline.screens.map((s) => s.dhash),
  );
  const driftDir = path.join(interactionsDir, 'drift');
  await mkdir(driftDir, { recursive: true });
  const compared: DriftScreen[] = [];
  const learning = await learningFor(config);
  const { learn_after: learnAfter, auto_mask: autoMask } = config.rules.dynamic_regions;
  const dynamicRegions: DriftSuggestion[] = [];
  for (const [c, b] of pairing.pairs) {
    const screen = current[c]!;
    const base = baseline.screens[b]!;
    const basePath = store.screenPath(key, base);
    const known = learning.dynamic(key, base.index, learnAfter);
    dynamicRegions.push(...known.map((r) => ({ baseline: base.index, box: r.box, seen: r.seen, masked: autoMask })));
    const masks = [...(autoMask ? known.map((r) => r.box) : []), ...(baseline.masks ?? []).filter((m) => m.screen === base.index).map((m) => m.box)];
    const { pixels, text, severity, severityReason: reason } = await compareScreenFiles(basePath, screen.path, {
      ocr: (file) => provider.ocr(file),
      ignoreRegions: masks,
    });
    learning.observe(
      key,
      base.index,
      await Promise.all(pixels.regions.map(async (r) => ({ box: r.box, fingerprint: await areaFingerprint(screen.path, r.box) }))),
    );
    const diffImage = path.join(driftDir, `${String(c + 1).padStart(2, '0')}-vs-baseline-${String(b + 1).padStart(2, '0')}.png`);
    await writeFileAtomic(diffImage, pixels.diffImage);
    compared.push({
      current: screen.index,
      baseline: base.index,
      severity,
      reason,
      similarity: pixels.pixelSimilarity,
      ssim: pixels.ssim,
      regions: pixels.regions.length,
      boxes: pixels.regions.map((r) => r.box),
      textChanges: [
        ...text.changed.map((t) => `'${t.before}' → '${t.after}'`),
        ...text.added.map((t) => `added '${t.text}'`),
        ...text.removed.map((t) => `removed '${t.text}'`),
      ],
      diffImage,
    });
  }
  const added = pairing.added.map((i) => ({ index: current[i]!.index, time: current[i]!.time }));
  const removed = pairing.removed.map((i) => ({ index: baseline.screens[i]!.index, time: baseline.screens[i]!.time }));
  // A screen more or fewer is a changed flow, which matters as much as changed text.
  const flow: DriftSeverity = added.length || removed.length ? 'functional' : 'none';
  const severity = compared.reduce<DriftSeverity>((acc, s) => worstSeverity(acc, s.severity), flow);
  await learning.save();
  return { baseline: store.folderOf(key), created: false, severity, screens: compared, added, removed, dynamicRegions };
}
