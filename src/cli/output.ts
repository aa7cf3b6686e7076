import path from 'node:path';
import type { AnalysisProgress, AnalysisResult } from '../app/analysis/analysis-types.js';
import { verdictHeadline } from '../app/analysis/verdict-words.js';
import type { VideoFfmpegLink } from '../setup/playwright-video.js';
import type { ScreenDrift } from '../app/screens/compare-screens.js';
import type { FlowAttempt, FlowOutcome } from '../app/flows/flow-runs.js';
import type { WatchEvent } from '../app/watch/watch-events.js';
import type { VaiderError } from '../base/errors.js';
import type { InitFileResult } from '../setup/setup-types.js';

/** The only place the CLI prints. stdout carries results, stderr progress and errors. */

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

export function printLine(text = ''): void {
  console.log(text);
}

export function printError(error: VaiderError): void {
  console.error(`vaider: ${error.code}: ${error.message}`);
}

/** Where agents reach the server; on stderr, so stdout stays free for machine output. */
export function printServing(url: string, projectRoot: string): void {
  console.error(`vaider: serving ${projectRoot}`);
  console.error(`  MCP (Streamable HTTP): ${url}/mcp   MCP (SSE): ${url}/sse   REST: ${url}/v1/health`);
}

export function printNotice(text: string): void {
  console.error(`vaider: ${text}`);
}

export function printWarning(text: string): void {
  console.error(`vaider: warning: ${text}`);
}

const BAR_WIDTH = 24;

/** A one-line bar redrawn in place on a terminal; silent when stderr is piped or in --json mode. */
export function progressBar(enabled: boolean): { update: (p: AnalysisProgress) => void; clear: () => void } {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY) return { update: () => undefined, clear: () => undefined };
  let drawn = false;
  return {
    update(p) {
      const filled = Math.round(p.fraction * BAR_WIDTH);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(p.fraction * 100)).padStart(3)}% ${p.stage}: ${p.message}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1)}\x1b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

const MARK = { pass: 'PASS', fail: 'FAIL', uncertain: '????' } as const;

/** One line per thing the watcher does, on stderr: stdout stays for results. */
export function printWatchEvent(event: WatchEvent): void {
  const file = relative(event.path);
  switch (event.type) {
    case 'detected':
      return;
    case 'verdict':
      console.error(`vaider: ${file}: ${event.verdict.toUpperCase()}${event.cached ? ' (cached)' : ''}: ${event.explanation} → ${relative(event.interactionsDir)}/`);
      return;
    case 'error':
      console.error(`vaider: ${file}: ${event.error.code}: ${event.error.message}`);
      return;
    case 'rerun':
      console.error(
        event.argv.length
          ? `vaider: ${file}: re-running the test (${event.reason} retry ${event.attempt}/${event.max}): ${event.argv.join(' ')}`
          : `vaider: ${file}: analyzing again (error retry ${event.attempt}/${event.max})`,
      );
      return;
    case 'attention':
      console.error(`vaider: NEEDS ATTENTION: ${file}: ${event.message} See ${relative(event.interactionsDir)}/README.md`);
      return;
    case 'still_writing':
      console.error(`vaider: ${file}: still being written after ${event.seconds} s; it will be analyzed once it stops changing.`);
      return;
  }
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function printAnalysis(result: AnalysisResult): void {
  const m = result.media;
  const what = m.kind === 'video' ? `${m.duration.toFixed(1)} s video, ${m.width}×${m.height} ${m.codec}` : `${m.width}×${m.height} image`;
  printLine(`${relative(result.input)} · ${what} · ${result.keyframes.length} keyframes · ${result.provider} · ${result.durationMs} ms`);
  printLine();
  printLine('What happened');
  for (const step of result.description.steps) printLine(`  ${step.time.toFixed(2).padStart(7)} s  ${step.text}`);
  printLine();
  if (result.verdict) {
    const v = result.verdict;
    printLine(`Verdict: ${verdictHeadline(v)}`);
    for (const r of v.results) {
      printLine(`  ${MARK[r.status]}  ${r.expectation}`);
      const evidence = r.evidence ? ` → ${relative(r.evidence.path)}` : '';
      printLine(`        ${r.explanation}${evidence}`);
    }
  } else {
    printLine('No expectations given: described only. Add --expect "…" to check the video.');
  }
  for (const warning of result.warnings) printWarning(warning);
  printLine();
  printLine(`Interactions: ${relative(result.interactionsDir)}/`);
}

const INIT_LABEL = { created: 'created', updated: 'updated', unchanged: 'unchanged', skipped: 'skipped (edited; use --force)' } as const;

/** One line per file, names aligned, e.g. `VaiderRules.json  skipped (edited; use --force)`. */
export function printInitResults(results: readonly InitFileResult[]): void {
  const width = Math.max(...results.map((r) => r.file.length));
  for (const r of results) {
    const backup = r.backup ? ` (previous kept in ${r.backup})` : '';
    printLine(`${r.file.padEnd(width)}  ${INIT_LABEL[r.action]}${backup}`);
  }
}

function describeLink(l: VideoFfmpegLink): string {
  const copy = l.method === 'copy' ? ' (a copy: symlinks are not allowed there)' : '';
  switch (l.action) {
    case 'created':
      return `created → ${l.ffmpeg}${copy}`;
    case 'unchanged':
      return `unchanged → ${l.ffmpeg}`;
    case 'replaced':
      return `replaced → ${l.ffmpeg}${copy}${l.backup ? ` (previous kept in ${l.backup})` : ''}`;
    case 'kept':
      return 'kept: a different file is there (--force replaces it)';
  }
}

/** One line per place Playwright looks for ffmpeg, then a warning for each that cannot record video. */
export function printPlaywrightFfmpegLinks(links: readonly VideoFfmpegLink[]): void {
  for (const l of links) printLine(`${l.link}  ${describeLink(l)}  (Playwright ${l.playwrightVersions.join(', ')})`);
  for (const l of links) if (!l.check.ok) printWarning(`Playwright cannot record video with ${l.link}: ${l.check.problem}`);
}

export function printDrift(drift: ScreenDrift): void {
  printLine(`${relative(drift.baseline)} → ${relative(drift.current)} · ${drift.width}×${drift.height}`);
  printLine(`Severity: ${drift.severity.toUpperCase()}: ${drift.severityReason}`);
  printLine(`Similarity ${(drift.similarity * 100).toFixed(2)}% · SSIM ${drift.ssim.toFixed(4)} · ${drift.regions.length} changed regions`);
  if (drift.sizeChange) printLine(`  size ${drift.sizeChange.from.width}×${drift.sizeChange.from.height} → ${drift.sizeChange.to.width}×${drift.sizeChange.to.height}`);
  for (const r of drift.regions.slice(0, 10)) {
    const words = r.text.length ? ` '${r.text.join("', '")}'` : '';
    printLine(`  region ${r.box.x},${r.box.y} ${r.box.width}×${r.box.height} (${(r.areaShare * 100).toFixed(2)}%)${words}`);
  }
  for (const c of drift.text.changed) printLine(`  text changed: '${c.before}' → '${c.after}'`);
  for (const a of drift.text.added) printLine(`  text added: '${a.text}'`);
  for (const r of drift.text.removed) printLine(`  text removed: '${r.text}'`);
  for (const s of drift.semantic ?? []) printLine(`  ${s}`);
  printLine(`Diff image: ${relative(drift.diffImage)}`);
  for (const warning of drift.warnings) printWarning(warning);
}

export function printFlowAttempt(a: FlowAttempt): void {
  const what = a.passed ? (a.verdict ? `ran; video ${a.verdict}` : 'ran') : `failed: ${a.failure?.message ?? ''}`;
  console.error(`vaider: attempt ${a.attempt}: ${what}${a.healed ? ` (${a.healed} locator(s) healed)` : ''}`);
}

export function printFlowOutcome(outcome: FlowOutcome): void {
  printLine(`${relative(outcome.flow)} · ${outcome.driver} · ${outcome.attempts.length} attempt(s) · ${outcome.passed ? 'PASSED' : `NOT PASSED (${outcome.stoppedBecause})`}`);
  for (const e of outcome.healing) {
    const to = e.new_selector ? ` → ${e.new_selector}` : '';
    printLine(`  healing step ${e.step} "${e.description}": ${e.old_selector ?? '(no selector)'}${to} · ${e.decision} (${e.confidence.toFixed(2)})`);
  }
  if (outcome.verdict) printLine(`Verdict: ${verdictHeadline(outcome.verdict)}`);
  if (outcome.patch) printLine(`Proposed locator changes: ${relative(outcome.patch)}`);
  if (outcome.rewritten) printLine(`Flow file updated: ${outcome.rewritten} locator(s) (backup: ${relative(outcome.flow)}.bak)`);
  printLine(`Interactions: ${relative(outcome.interactionsDir)}/`);
}
