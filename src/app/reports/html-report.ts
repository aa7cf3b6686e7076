import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import escapeHtml from 'escape-html';
import sharp from 'sharp';
import { resolveInsideRoots } from '../../base/allowed-roots.js';
import { writeFileAtomic } from '../../base/atomic-write.js';
import { redactSecrets } from '../../base/redact-secrets.js';
import type { RunRecord } from '../runs/run-types.js';
import { runStatus } from '../runs/run-status.js';
import { latestRuns, reportName } from './junit-report.js';

export interface HtmlReport {
  index: string;
  /** Inputs reported: each one's latest run. */
  runs: number;
  /** Frames copied into the report. */
  images: number;
  /** Frames the runs name that were not found (replaced by a later analysis, not shipped with a shard) or may not be read. */
  missing: number;
}

export interface HtmlReportOptions {
  /** When given, frames are copied only from inside these folders (real paths); any other is shown as missing. */
  readRoots?: readonly string[];
  /** Lines said under the title, as text: where a merged report's runs came from. */
  notes?: readonly string[];
}

const THUMB_WIDTH = 320;

/**
 * The page's only styling, inline; no script at all, and a policy that allows none, since every line
 * of screen text on these pages is untrusted.
 */
const HEAD = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#202124;background:#fff}
table{border-collapse:collapse;width:100%}td,th{padding:6px 8px;border-bottom:1px solid #dadce0;text-align:left;vertical-align:top}
.match,.pass{color:#188038}.mismatch,.fail,.error{color:#d93025}.uncertain{color:#b06000}.described{color:#5f6368}
.frames{display:flex;flex-wrap:wrap;gap:8px}.frames figure{margin:0}.frames img{width:${THUMB_WIDTH}px;border:1px solid #dadce0}
img.evidence{width:${THUMB_WIDTH}px;border:3px solid #d93025}code{font-size:12px}td.time{white-space:nowrap}
</style></head><body>`;

const TAIL = '</body></html>\n';

/** A run's file and folder names in the report: its id, which a store from elsewhere could make a path of. */
const fileNameOf = (id: string) => id.replace(/[^\w-]/g, '_');

/** A copy of `file` in the report's image folder and a thumbnail beside it; paths relative to the run pages. */
async function imageFiles(file: string, folder: string, name: string, pagesDir: string, readRoots: readonly string[] | undefined): Promise<{ full: string; thumb: string } | undefined> {
  const full = path.join(folder, `${name}.png`);
  const thumb = path.join(folder, `${name}.thumb.png`);
  try {
    // Real paths compared, so a link inside a shard cannot lead out of the folders given.
    const source = readRoots ? await resolveInsideRoots(file, readRoots) : file;
    await copyFile(source, full);
    await sharp(source).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).png().toFile(thumb);
  } catch {
    // A later analysis replaced the run's keyframes, or they were not shipped: the page says so rather than failing the report.
    return undefined;
  }
  return { full: path.relative(pagesDir, full), thumb: path.relative(pagesDir, thumb) };
}

async function runPage(run: RunRecord, outDir: string, relative: (file: string) => string, readRoots: readonly string[] | undefined): Promise<{ html: string; images: number; missing: number }> {
  const result = run.result;
  const folder = path.join(outDir, 'img', fileNameOf(run.id));
  await mkdir(folder, { recursive: true });
  const parts: string[] = [HEAD(`${relative(run.input)}: ${runStatus(run)}`)];
  parts.push(`<p><a href="../index.html">All runs</a></p>`);
  parts.push(`<h1>${escapeHtml(relative(run.input))}</h1>`);
  parts.push(`<p class="${runStatus(run)}"><strong>${runStatus(run).toUpperCase()}</strong> · run <code>${escapeHtml(run.id)}</code> · ${escapeHtml(run.provider)} · ${escapeHtml(run.created_at)}</p>`);
  let images = 0;
  let missing = 0;
  if (run.error) parts.push(`<p class="error">${escapeHtml(`${run.error.code}: ${run.error.message}`)}</p>`);
  if (result) {
    const frames = new Map<string, { full: string; thumb: string } | undefined>();
    const frame = async (file: string, name: string) => {
      if (!frames.has(file)) {
        const made = await imageFiles(file, folder, name, path.join(outDir, 'runs'), readRoots);
        frames.set(file, made);
        if (made) images++;
        else missing++;
      }
      return frames.get(file);
    };
    for (const [i, k] of result.keyframes.entries()) await frame(k.path, `keyframe-${String(i + 1).padStart(2, '0')}`);
    if (result.verdict) {
      parts.push(`<h2>Verdict</h2><p>${escapeHtml(result.verdict.explanation)}</p><table><tr><th>Expectation</th><th>Status</th><th>Why</th><th>Evidence</th></tr>`);
      for (const [i, r] of result.verdict.results.entries()) {
        const evidence = r.evidence ? await frame(r.evidence.path, `evidence-${i + 1}`) : undefined;
        const cell = evidence ? `<a href="${escapeHtml(evidence.full)}"><img class="${r.status === 'fail' ? 'evidence' : ''}" src="${escapeHtml(evidence.thumb)}" alt="evidence"></a>` : '';
        parts.push(`<tr><td>${escapeHtml(r.expectation)}</td><td class="${r.status}">${r.status}</td><td>${escapeHtml(r.explanation)}</td><td>${cell}</td></tr>`);
      }
      parts.push('</table>');
    }
    parts.push(`<h2>What happened</h2><table>${result.description.steps.map((s) => `<tr><td class="time">${s.time.toFixed(2)} s</td><td>${escapeHtml(s.text)}</td></tr>`).join('')}</table>`);
    parts.push('<h2>Keyframes</h2><div class="frames">');
    for (const k of result.keyframes) {
      const made = frames.get(k.path);
      parts.push(
        made
          ? `<figure><a href="${escapeHtml(made.full)}"><img src="${escapeHtml(made.thumb)}" alt="keyframe at ${k.time.toFixed(2)} s"></a><figcaption>${k.index + 1} · ${k.time.toFixed(2)} s</figcaption></figure>`
          : `<figure><figcaption>${k.index + 1} · ${k.time.toFixed(2)} s: not found (replaced by a later analysis, or not copied with the runs)</figcaption></figure>`,
      );
    }
    parts.push('</div>');
    if (result.warnings.length) parts.push(`<h2>Warnings</h2><ul>${result.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
    parts.push(`<p>Interactions: <code>${escapeHtml(relative(result.interactions_dir))}</code></p>`);
  }
  parts.push(TAIL);
  return { html: parts.join('\n'), images, missing };
}

/**
 * A static HTML report of each input's latest run, opened from disk with no server (a CI artifact):
 * index.html lists them, a page per run shows its verdict with the evidence, the description and the
 * keyframes. Images are files (copies and 320 px thumbnails), never inlined; there is no script.
 */
export async function writeHtmlReport(records: readonly RunRecord[], outDir: string, projectRoot: string | readonly string[], options: HtmlReportOptions = {}): Promise<HtmlReport> {
  const runs = redactSecrets(latestRuns(records));
  const relative = reportName(projectRoot);
  await mkdir(path.join(outDir, 'runs'), { recursive: true });
  let images = 0;
  let missing = 0;
  const rows: string[] = [];
  for (const run of runs) {
    const page = await runPage(run, outDir, relative, options.readRoots);
    images += page.images;
    missing += page.missing;
    await writeFileAtomic(path.join(outDir, 'runs', `${fileNameOf(run.id)}.html`), page.html);
    const seconds = run.result ? `${(run.result.duration_ms / 1000).toFixed(1)} s` : '';
    rows.push(
      `<tr><td class="${runStatus(run)}">${runStatus(run).toUpperCase()}</td><td><a href="runs/${escapeHtml(fileNameOf(run.id))}.html">${escapeHtml(relative(run.input))}</a></td><td>${escapeHtml(run.provider)}</td><td>${seconds}</td><td>${escapeHtml(run.created_at)}</td></tr>`,
    );
  }
  const index = path.join(outDir, 'index.html');
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(runStatus(run), (counts.get(runStatus(run)) ?? 0) + 1);
  const tally = [...counts].map(([status, n]) => `<span class="${status}">${n} ${status}</span>`).join(' · ');
  const notes = (options.notes ?? []).map((line) => `<p>${escapeHtml(line)}</p>`);
  await writeFileAtomic(
    index,
    [HEAD('Vaider report'), `<h1>Vaider report</h1><p>${runs.length} inputs: ${tally || 'none recorded'}</p>`, ...notes, '<table><tr><th>Status</th><th>Input</th><th>Provider</th><th>Took</th><th>When</th></tr>', ...rows, '</table>', TAIL].join('\n'),
  );
  return { index, runs: runs.length, images, missing };
}
