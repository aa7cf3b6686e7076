// A stand-in for a test runner, used as rerun_command in the retry-loop tests:
//   node rerun-script.mjs <plan.json> <video> [<test title>]
// Each run writes the plan's next video to <video> (optionally with the attempt number appended, so
// every run's bytes differ) and records the arguments it received, exactly as it received them.
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';

const [planFile, video, ...rest] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const attempt = plan.next ?? 0;
copyFileSync(plan.videos[Math.min(attempt, plan.videos.length - 1)], video);
if (plan.appendAttempt) appendFileSync(video, `attempt ${attempt}`);
plan.next = attempt + 1;
plan.calls = [...(plan.calls ?? []), [video, ...rest]];
writeFileSync(planFile, JSON.stringify(plan));
// A failing test run exits 1, as test runners do; the loop must not mind.
process.exitCode = plan.exitCode ?? 1;
