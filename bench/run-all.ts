import { analyzeBench } from './analyze.bench.js';
import { cliStartupBench } from './cli-startup.bench.js';
import { corpusBench } from './corpus.bench.js';
import { diffCliBench } from './diff-cli.bench.js';
import { machine } from './bench-utils.js';
import { driftBench } from './drift.bench.js';
import { healingBench } from './healing.bench.js';
import { timelineBench } from './timeline.bench.js';
import { modelCostBench } from './model-cost.bench.js';
import { ocrBench } from './ocr.bench.js';
import { reportBench } from './report.bench.js';
import { serverBench } from './server.bench.js';
import { viewerBench } from './viewer.bench.js';
import { queueBench } from './queue.bench.js';
import { soakBench } from './soak.bench.js';
import { suiteTimeBench } from './suite-time.bench.js';
import { watcherBench } from './watcher.bench.js';

/** `npm run bench`: every costly capability against its physical limit and the naive way, as markdown for BENCHMARKS.md. */
const sections = [timelineBench, corpusBench, ocrBench, analyzeBench, serverBench, soakBench, watcherBench, modelCostBench, driftBench, healingBench, cliStartupBench, diffCliBench, reportBench, viewerBench, queueBench];
/** Run only when named (`npm run bench -- suite`): the whole test suite takes minutes. */
const onDemand = [suiteTimeBench];
const only = process.argv.slice(2);

console.log(`## ${new Date().toISOString().slice(0, 10)} · ${machine()}\n`);
for (const section of only.length > 0 ? [...sections, ...onDemand] : sections) {
  if (only.length > 0 && !only.some((name) => section.name.startsWith(name))) continue;
  console.log((await section()).join('\n'));
}
