import type { QueueStatus, Submission } from '../app/queue/queue-service.js';
import path from 'node:path';
import type { AnalysisProgress, AnalysisResult } from '../app/analysis/analysis-types.js';
import type { ResultSummary } from '../app/analysis/result-summary.js';
import { verdictHeadline } from '../app/analysis/verdict-words.js';
import type { VideoFfmpegLink } from '../setup/playwright-video.js';
import type { ScreenDrift } from '../app/screens/compare-screens.js';
import type { FlowAttempt, FlowOutcome } from '../app/flows/flow-runs.js';
import type { WatchEvent } from '../app/watch/watch-events.js';
import type { RunRecord } from '../app/runs/run-types.js';
import { runStatus } from '../app/runs/run-status.js';
import type { VaiderError } from '../base/errors.js';
import type { InitFileResult } from '../setup/setup-types.js';
import { redactSecrets, redactText } from '../base/redact-secrets.js';
import { printableJson, printableLine } from '../base/printable-text.js';

/**
 * The only place the CLI prints. stdout carries results, stderr progress and errors. Every line is
 * redacted and has its control characters escaped here, so no screen text, path or message can print
 * a secret or forge a line; structured values are redacted whole first, so a secret found in one
 * field is masked in the others too.
 */

const safe = (line: string) => printableLine(redactText(line));
const out = (line: string) => console.log(safe(line));
const err = (line: string) => console.error(safe(line));

export function printJson(value: unknown): void {
  console.log(printableJson(redactSecrets(value), 2));
}

/** The CLI's own text, such as its usage: its line breaks are kept; each line is made safe. */
export function printLine(text = ''): void {
  for (const line of text.split('\n')) out(line);
}

export function printError(error: VaiderError): void {
  err(`vaider: ${error.code}: ${error.message}`);
}

/** Where agents reach the server; on stderr, so stdout stays free for machine output. */
export function printServing(url: string, projectRoot: string): void {
  err(`vaider: serving ${projectRoot}`);
  err(`  Viewer: ${url}/`);
  err(`  MCP (Streamable HTTP): ${url}/mcp   MCP (SSE): ${url}/sse   REST: ${url}/v1/health`);
}

export function printNotice(text: string): void {
  err(`vaider: ${text}`);
}

export function printWarning(text: string): void {
  err(`vaider: warning: ${text}`);
}

const BAR_WIDTH = 24;

/**
 * One progress line within `width` columns: the bar goes first when the line is too narrow for it, and
 * a message that still does not fit is cut at a word, with an ellipsis, never mid-word.
 */
export function progressLine(p: AnalysisProgress, width: number): string {
  const percent = `${String(Math.round(p.fraction * 100)).padStart(3)}%`;
  const message = safe(p.message);
  const filled = Math.round(p.fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `;
  const full = `${bar}${percent} ${message}`;
  if (full.length <= width) return full;
  const bare = `${percent} ${message}`;
  if (bare.length <= width) return bare;
  const room = width - percent.length - 2;
  const cut = message.slice(0, Math.max(0, room));
  const endsAtWord = message[cut.length] === ' ';
  const atWord = endsAtWord || !cut.includes(' ') ? cut : cut.slice(0, cut.lastIndexOf(' '));
  return `${percent} ${atWord}…`;
}

/** A one-line bar redrawn in place on a terminal; silent when stderr is piped or in --json mode. */
export function progressBar(enabled: boolean): { update: (p: AnalysisProgress) => void; clear: () => void } {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY) return { update: () => undefined, clear: () => undefined };
  let drawn = false;
  return {
    update(p) {
      stream.write(`\r${progressLine(p, (stream.columns ?? 80) - 1)}\x1b[K`);
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
export function printWatchEvent(raw: WatchEvent): void {
  // An error is no plain data (its message is not an own enumerable field); its line is redacted as it is printed.
  const event = raw.type === 'error' ? raw : redactSecrets(raw);
  const file = relative(event.path);
  switch (event.type) {
    case 'detected':
      return;
    case 'verdict':
      err(`vaider: ${file}: ${event.verdict.toUpperCase()}${event.cached ? ' (cached)' : ''}: ${event.explanation} → ${relative(event.interactionsDir)}/`);
      return;
    case 'error':
      err(`vaider: ${file}: ${event.error.code}: ${event.error.message}`);
      return;
    case 'rerun':
      err(
        event.argv.length
          ? `vaider: ${file}: re-running the test (${event.reason} retry ${event.attempt}/${event.max}): ${event.argv.join(' ')}`
          : `vaider: ${file}: analyzing again (error retry ${event.attempt}/${event.max})`,
      );
      return;
    case 'attention':
      err(`vaider: NEEDS ATTENTION: ${file}: ${event.message} See ${relative(event.interactionsDir)}/README.md`);
      return;
    case 'still_writing':
      err(`vaider: ${file}: still being written after ${event.seconds} s; it will be analyzed once it stops changing.`);
      return;
  }
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Where expectations the command line did not give came from, in the verdict's headline. */
const EXPECTATIONS_FROM: Partial<Record<AnalysisResult['expectationsSource'], (input: string) => string>> = {
  'expect.md': (input) => `${input}.expect.md`,
  'expect.json': (input) => `${input}.expect.json`,
  rules: () => 'the rules file',
};

export interface AnalysisNotes {
  runId: string | null;
  /** Answered by an earlier run of the same content and parameters. */
  cached: boolean;
  /** Why it is not recorded as a run, when it is not. */
  notRecorded?: string;
  /** The severity that fails the command (--fail-on-drift). */
  failOnDrift?: string;
}

/** The drift section: the worst severity, then each screen that changed and what the flow gained or lost. */
function printDriftReport(drift: NonNullable<ResultSummary['drift']>, failOn: string | undefined): void {
  out('');
  if (drift.created) {
    out(`Drift: no baseline yet; this run's keyframes are now the baseline (${relative(drift.baseline)}/).`);
    return;
  }
  const changed = drift.screens.filter((s) => s.severity !== 'none');
  const failing = failOn ? ` (--fail-on-drift ${failOn})` : '';
  out(`Drift: ${drift.severity.toUpperCase()}${failing}: ${changed.length} of ${drift.screens.length} screens differ from the baseline ${relative(drift.baseline)}/`);
  for (const s of changed) {
    out(`  screen ${s.current} (baseline ${s.baseline}): ${s.severity}: ${s.reason} → ${relative(s.diff_image)}`);
    for (const change of s.text_changes.slice(0, 5)) out(`        ${change}`);
  }
  if (drift.added.length) out(`  new screens at ${drift.added.map((a) => `${a.time.toFixed(2)} s`).join(', ')}`);
  if (drift.removed.length) out(`  baseline screens not seen: ${drift.removed.map((r) => `${r.time.toFixed(2)} s`).join(', ')}`);
}

export function printAnalysis(raw: ResultSummary, notes: AnalysisNotes): void {
  const result = redactSecrets(raw);
  const m = result.media;
  const what = m.kind === 'video' ? `${m.duration.toFixed(1)} s video, ${m.width}×${m.height} ${m.codec}` : `${m.width}×${m.height} image`;
  out(`${relative(result.input)} · ${what} · ${result.keyframes.length} keyframes · ${result.provider} · ${result.duration_ms} ms`);
  out('');
  out('What happened');
  for (const step of result.description.steps) out(`  ${step.time.toFixed(2).padStart(7)} s  ${step.text}`);
  out('');
  if (result.verdict) {
    const v = result.verdict;
    const from = EXPECTATIONS_FROM[result.expectations_source];
    out(`Verdict: ${verdictHeadline(v)}${from ? ` (expectations from ${from(relative(result.input))})` : ''}`);
    for (const r of v.results) {
      out(`  ${MARK[r.status]}  ${r.expectation}`);
      const evidence = r.evidence ? ` → ${relative(r.evidence.path)}` : '';
      out(`        ${r.explanation}${evidence}`);
    }
  } else {
    out(`No expectations given, and none beside it (${relative(result.input)}.expect.md) or in the rules: described only. Add --expect "…" to check it.`);
  }
  if (result.drift) printDriftReport(result.drift, notes.failOnDrift);
  for (const warning of result.warnings) printWarning(warning);
  out('');
  out(`Interactions: ${relative(result.interactions_dir)}/`);
  if (notes.runId) out(`Run: ${notes.runId}${notes.cached ? ' (answered by an earlier run of the same content)' : ''}  (vaider runs show ${notes.runId})`);
  if (notes.notRecorded) printWarning(`not recorded as a run: ${notes.notRecorded}.`);
}

const INIT_LABEL = { created: 'created', updated: 'updated', unchanged: 'unchanged', skipped: 'skipped (edited; use --force)' } as const;

/** One line per file, names aligned, e.g. `VaiderRules.json  skipped (edited; use --force)`. */
export function printInitResults(raw: readonly InitFileResult[]): void {
  const results = redactSecrets(raw);
  const width = Math.max(...results.map((r) => r.file.length));
  for (const r of results) {
    const backup = r.backup ? ` (previous kept in ${r.backup})` : '';
    out(`${r.file.padEnd(width)}  ${INIT_LABEL[r.action]}${backup}`);
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
export function printPlaywrightFfmpegLinks(raw: readonly VideoFfmpegLink[]): void {
  const links = redactSecrets(raw);
  for (const l of links) out(`${l.link}  ${describeLink(l)}  (Playwright ${l.playwrightVersions.join(', ')})`);
  for (const l of links) if (!l.check.ok) printWarning(`Playwright cannot record video with ${l.link}: ${l.check.problem}`);
}

export function printDrift(raw: ScreenDrift): void {
  const drift = redactSecrets(raw);
  out(`${relative(drift.baseline)} → ${relative(drift.current)} · ${drift.width}×${drift.height}`);
  out(`Severity: ${drift.severity.toUpperCase()}: ${drift.severityReason}`);
  out(`Similarity ${(drift.similarity * 100).toFixed(2)}% · SSIM ${drift.ssim.toFixed(4)} · ${drift.regions.length} changed regions`);
  if (drift.sizeChange) out(`  size ${drift.sizeChange.from.width}×${drift.sizeChange.from.height} → ${drift.sizeChange.to.width}×${drift.sizeChange.to.height}`);
  for (const r of drift.regions.slice(0, 10)) {
    const words = r.text.length ? ` '${r.text.join("', '")}'` : '';
    out(`  region ${r.box.x},${r.box.y} ${r.box.width}×${r.box.height} (${(r.areaShare * 100).toFixed(2)}%)${words}`);
  }
  for (const c of drift.text.changed) out(`  text changed: '${c.before}' → '${c.after}'`);
  for (const a of drift.text.added) out(`  text added: '${a.text}'`);
  for (const r of drift.text.removed) out(`  text removed: '${r.text}'`);
  for (const s of drift.semantic ?? []) out(`  ${s}`);
  out(`Diff image: ${relative(drift.diffImage)}`);
  for (const warning of drift.warnings) printWarning(warning);
}

export function printFlowAttempt(raw: FlowAttempt): void {
  const a = redactSecrets(raw);
  const what = a.passed ? (a.verdict ? `ran; video ${a.verdict}` : 'ran') : `failed: ${a.failure?.message ?? ''}`;
  err(`vaider: attempt ${a.attempt}: ${what}${a.healed ? ` (${a.healed} locator(s) healed)` : ''}`);
}

export function printFlowOutcome(raw: FlowOutcome): void {
  const outcome = redactSecrets(raw);
  out(`${relative(outcome.flow)} · ${outcome.driver} · ${outcome.attempts.length} attempt(s) · ${outcome.passed ? 'PASSED' : `NOT PASSED (${outcome.stoppedBecause})`}`);
  for (const e of outcome.healing) {
    const to = e.new_selector ? ` → ${e.new_selector}` : '';
    out(`  healing step ${e.step} "${e.description}": ${e.old_selector ?? '(no selector)'}${to} · ${e.decision} (${e.confidence.toFixed(2)})`);
  }
  if (outcome.verdict) out(`Verdict: ${verdictHeadline(outcome.verdict)}`);
  if (outcome.patch) out(`Proposed locator changes: ${relative(outcome.patch)}`);
  if (outcome.rewritten) out(`Flow file updated: ${outcome.rewritten} locator(s) (backup: ${relative(outcome.flow)}.bak)`);
  out(`Interactions: ${relative(outcome.interactionsDir)}/`);
}

/** What a run came to, in a word, with the error's code. */
function runOutcome(run: RunRecord): string {
  const word = runStatus(run).toUpperCase();
  return run.error ? `${word} ${run.error.code}` : word;
}

/** `vaider runs`: one line a run, newest first. */
export function printRunList(runs: readonly RunRecord[]): void {
  if (runs.length === 0) {
    out('No runs recorded (that match). Analyses by vaider analyze, vaider serve, vaider watch, REST and MCP are recorded here.');
    return;
  }
  for (const raw of runs) {
    const run = redactSecrets(raw);
    out(`${run.id}  ${run.created_at.slice(0, 19).replace('T', ' ')}  ${runOutcome(run).padEnd(10)}  ${relative(run.input)}  (${run.requested_by}, ${run.provider})`);
  }
}

/** `vaider runs show ID`: a run's verdict with each expectation, or its error, and where its files are. */
export function printRun(raw: RunRecord): void {
  const run = redactSecrets(raw);
  out(`${run.id} · ${relative(run.input)} · ${run.state} · ${run.provider} · asked by ${run.requested_by} at ${run.created_at}`);
  const verdict = run.result?.verdict;
  if (verdict) {
    out(`Verdict: ${verdictHeadline(verdict)}`);
    for (const r of verdict.results) {
      out(`  ${MARK[r.status]}  ${r.expectation}`);
      out(`        ${r.explanation}`);
    }
  } else if (run.result) {
    out(`Described only: ${run.result.description.summary}`);
  }
  if (run.error) out(`Error: ${run.error.code}: ${run.error.message}`);
  if (run.result) out(`Interactions: ${relative(run.result.interactions_dir)}/`);
}

/** `vaider submit`: a line a file, what became of it. */
export function printSubmissions(raw: readonly Submission[]): void {
  for (const s of redactSecrets(raw)) {
    if (s.error) err(`vaider: ${relative(s.file)}: not enqueued: ${s.error.code}: ${s.error.message}`);
    else out(`${s.outcome === 'queued' ? 'queued ' : 'known  '}  ${s.run_id}  ${relative(s.file)}`);
  }
}

/** `vaider queue status`: the counts, then each job that failed for good with its error. */
export function printQueueStatus(raw: QueueStatus, where: string): void {
  const q = redactSecrets(raw);
  out(`Queue ${where}: ${q.waiting} waiting, ${q.active} active, ${q.delayed} delayed, ${q.completed} completed, ${q.failed} failed; ${q.workers} worker connection(s); ${q.per_minute} finished in the last minute.`);
  for (const job of q.failed_jobs) out(`  failed  ${job.id.slice(0, 12)}  ${relative(job.path)}  after ${job.attempts} tries: ${job.reason}`);
}

/** `vaider worker`: a line a job as it ends. */
export function printWorkerJob(event: { id: string; path: string; run_id?: string; error?: string }): void {
  if (event.error) err(`vaider: worker: ${relative(event.path)}: ${event.error}`);
  else out(`done  ${event.run_id}  ${relative(event.path)}`);
}
