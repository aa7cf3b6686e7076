import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright';
import { openVaider } from '../src/app/vaider.js';
import type { RunRecord } from '../src/app/runs/run-types.js';
import { openRunStore, RUNS_DIR, type RunStore } from '../src/app/runs/run-store.js';
import { writeJsonAtomic } from '../src/base/atomic-write.js';
import { loadConfig } from '../src/config/load-config.js';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../src/drivers/system-chromium.js';
import { runSummary } from '../src/server/mcp/run-summary.js';
import { startServer } from '../src/server/start-server.js';
import { medianMs, ms, ratio, workDir } from './bench-utils.js';
import { keyframe, syntheticRun } from './report.bench.js';

const RUNS = 10_000;
const REQUESTS = 20;

/** Runs of every status, so filters and searches find some and not all. */
function varied(i: number, frames: string[], dir: string): RunRecord {
  const run = syntheticRun(i, frames, dir);
  const status = (['match', 'mismatch', 'uncertain'] as const)[i % 3]!;
  return { ...run, input: path.join(dir, 'tests', `suite-${i % 40}`, `t${i}.webm`), result: { ...run.result!, verdict: { ...run.result!.verdict!, status } } };
}

/** A store's runs as Vaider keeps them: one file each. */
async function writeRuns(storeDir: string, runs: RunRecord[]): Promise<void> {
  const folder = path.join(storeDir, RUNS_DIR);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  for (let i = 0; i < runs.length; i += 500) await Promise.all(runs.slice(i, i + 500).map((r) => writeFile(path.join(folder, `${r.id}.json`), JSON.stringify(r))));
}

/**
 * The viewer over a store of 10,000 runs: a page of the runs list from the REST API (first page, a
 * deep page, a search, a status filter) against an HTTP round trip that does no work (the limit), and
 * against the naive way, sending every run to the browser to filter there; and Chromium opening the
 * runs list until its first page is shown.
 */
export async function viewerBench(): Promise<string[]> {
  const dir = await workDir('viewer');
  const frames = await Promise.all(Array.from({ length: 3 }, (_, i) => keyframe(dir, i)));
  const runs = Array.from({ length: RUNS }, (_, i) => varied(i + 1, frames, dir));
  await writeRuns(path.join(dir, '.vaider'), runs);
  const vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], store_dir: path.join(dir, '.vaider'), baselines_dir: path.join(dir, '.vaider', 'baselines') } }), { ownStore: true });
  const server = await startServer({ vaider, host: '127.0.0.1', port: 0 });
  // The naive viewer's server: every run, as the runs list shows them, in one answer.
  const naive = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(runs.map(runSummary))));
  await new Promise<void>((resolve) => naive.listen(0, '127.0.0.1', resolve));
  const naiveUrl = `http://127.0.0.1:${(naive.address() as AddressInfo).port}/`;
  const get = (url: string) => async () => (await fetch(url)).json();
  try {
    const health = await medianMs(REQUESTS, get(`${server.url}/v1/health`));
    const first = await medianMs(REQUESTS, get(`${server.url}/v1/runs?limit=50`));
    const deep = await medianMs(REQUESTS, get(`${server.url}/v1/runs?limit=50&offset=5000`));
    const search = await medianMs(REQUESTS, get(`${server.url}/v1/runs?limit=50&q=suite-7/`));
    const filter = await medianMs(REQUESTS, get(`${server.url}/v1/runs?limit=50&status=mismatch`));
    const everything = await medianMs(5, async () => {
      const all = (await (await fetch(naiveUrl)).json()) as Array<{ input: string }>;
      return all.filter((r) => r.input.includes('suite-7/')).slice(0, 50);
    });

    const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const open = await medianMs(3, async () => {
      await page.goto(`${server.url}/#/?n=${Math.random()}`);
      await page.waitForSelector('main[data-ready="true"]');
    });
    const pageTurn = await medianMs(3, async () => {
      await page.goto(`${server.url}/#/?page=100&n=${Math.random()}`);
      await page.waitForSelector('main[data-ready="true"]');
    });
    await browser.close();
    // What keeping runs costs: opening the store reads every run; a change writes one file.
    const storeDir = await workDir('viewer-store');
    await writeRuns(storeDir, runs);
    let store: RunStore | undefined;
    const openStore = await medianMs(3, async () => (store = await openRunStore(storeDir)));
    const change = await medianMs(REQUESTS, () => store!.update(runs[0]!.id, { updated_at: new Date().toISOString() }));
    const legacyDir = await workDir('viewer-store-one-file');
    await writeFile(path.join(legacyDir, 'one-file.json'), JSON.stringify({ version: 1, runs }));
    // The naive store, and Vaider's before: the whole file rewritten for every change.
    const rewrite = await medianMs(5, () => writeJsonAtomic(path.join(legacyDir, 'one-file.json'), { version: 1, runs }));
    const row = (what: string, value: number) => `| ${what} | ${ms(value)} | ${ratio(value, health)} | ${ratio(everything, value)} |`;
    return [
      `### The viewer over ${RUNS.toLocaleString('en')} runs (\`npm run bench -- viewer\`)`,
      '',
      `Medians of ${REQUESTS} requests after a warm-up. "vs the limit": an HTTP round trip that does no work (\`/v1/health\`, ${ms(health)}). "Naive": every run sent to the browser, filtered there (${ms(everything)} a search).`,
      '',
      '| request | time | vs the limit | naive / this |',
      '|---|---|---|---|',
      row('first page of 50', first),
      row('page 101 (offset 5,000)', deep),
      row('search by path', search),
      row('status filter', filter),
      `| Chromium: open the runs list until the first page shows | ${ms(open)} | | |`,
      `| Chromium: go to page 101 | ${ms(pageTurn)} | | |`,
      '',
      `The store of ${RUNS.toLocaleString('en')} runs (its cap): opening it reads every run in ${ms(openStore)}; recording a change writes one file in ${change.toFixed(1)} ms, where rewriting one file of every run (the naive store, and Vaider's before) takes ${ms(rewrite)} (${ratio(rewrite, change)}).`,
      '',
    ];
  } finally {
    naive.close();
    await server.close();
    await vaider.close();
  }
}
