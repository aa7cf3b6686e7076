/**
 * What every command says about itself: its usage, options and an example. Kept apart from the
 * commands so that help, --version and a mistyped command answer without loading any of them.
 */
import { PROVIDER_IDS } from '../config/provider-ids.js';

export const ANALYZE_USAGE = `Usage: vaider analyze <video-or-screenshot> [options]

  --expect TEXT        an expectation to check (repeatable), e.g. "shows 'Welcome, Alice'"
  --expect-file FILE   expectations, one per line (a numbered list is one ordered expectation)
  --provider NAME      vision provider: ${PROVIDER_IDS.join(', ')} (default from VaiderRules.json)
  --keyframes N        most keyframes to keep (default 24)
  --timeout SECONDS    time budget per minute of video (default 30, analysis_timeout_seconds)
  --root DIR           allowed root (repeatable); replaces allowed_roots
  --rules FILE         VaiderRules.json to use (default: found from the working folder up)
  --drift              compare with the baseline this time (default: VaiderRules' drift)
  --fail-on-drift SEV  exit 1 when drift is SEV or worse: cosmetic, structural, functional, critical
                       (implies --drift)
  --no-cache           analyze again instead of answering from an earlier run of the same content
  --no-server          analyze in this process even when the project's vaider serve runs
  --allow-uncertain    exit 0 when the verdict is uncertain
  --json               print one JSON result, no progress

Each analysis is recorded as a run (its id is printed; vaider runs lists them). When vaider serve runs
for the project, the analysis is handed to it (warm workers, its store), unless --timeout, --root or
--rules change the settings; otherwise it runs here.

Exit code: 0 match (or described only), 1 mismatch, uncertain or drift at --fail-on-drift, 2 error.

Example: vaider analyze test-output/login.mp4 --expect "shows 'Welcome, Alice'"`;

export const SERVE_USAGE = `Usage: vaider serve [--port N] [--host H] [--no-watch] [--rules FILE] [--root DIR]...
       vaider watch [--once [--json]] [--rules FILE] [--root DIR]...
       vaider mcp --stdio [--rules FILE] [--root DIR]...

  serve   the MCP server (Streamable HTTP at /mcp, SSE at /sse) and the REST API (/v1/…), on
          127.0.0.1:3456 by default (any other host requires VAIDER_TOKEN, a bearer token); it also
          watches for test videos and screenshots, as vaider watch does, unless --no-watch
  watch   analyze every new test video and screenshot (video_trigger_pattern, watch.*), with the
          VaiderRules retry loop; --once analyses what exists and exits 1 on a mismatch, 2 on an error,
          and with --json prints each file's state, verdict and run id as JSON on stdout
  mcp     the MCP server over stdin/stdout, for clients that launch it themselves

Example: vaider serve --port 4000`;

export const INIT_USAGE = `Usage: vaider init [options]

Sets a project up for coding agents: the vaider MCP server in .cursor/mcp.json, .vscode/mcp.json and
.mcp.json (Claude Code), the agent rules in .cursor/rules/vaider.mdc and, as a marked block, in
CLAUDE.md and .github/copilot-instructions.md, .gitignore lines for the machine-local store, and a
starter VaiderRules.json. Other servers, keys and text are kept; files you edited are left alone;
running it again changes nothing.

  --dir DIR     the project folder (default: the working folder)
  --host HOST   the host editors reach the MCP server at (default localhost)
  --port N      its port (default: server.port of VaiderRules.json, 3456); a new VaiderRules.json gets it
  --force       replace files and entries you edited, keeping each as <file>.bak
  --json        print a JSON array of { file, action }

Example: vaider init --dir ~/my-app`;

export const SETUP_USAGE = `Usage: vaider setup playwright [options]

Lets Playwright record video offline. Playwright encodes video with an ffmpeg it downloads; this links
an ffmpeg that is already here where it looks, <browsers path>/ffmpeg-<revision>/ffmpeg-linux, for each
Playwright version the project in the working folder uses. Running it again changes nothing.

  --ffmpeg PATH          the ffmpeg to link (default: the one @ffmpeg-installer/ffmpeg ships), e.g. /usr/bin/ffmpeg
  --browsers-path DIR    Playwright's browsers folder (default: PLAYWRIGHT_BROWSERS_PATH, else ~/.cache/ms-playwright)
  --force                replace a different file already there, keeping it as ffmpeg-linux.bak
  --json                 print { links: [{ link, revision, ffmpeg, action, ok, … }], exit_code }

Exit code: 0 every link records video, 1 one does not (a different file was kept), 2 error.

Example: vaider setup playwright --ffmpeg /usr/bin/ffmpeg`;

export const RUN_FLOW_USAGE = `Usage: vaider run flow <flow.yaml|flow.json> [--driver playwright|selenium] [--url BASE_URL] [--no-retry] [--json]

  Drives the flow in Chromium, heals broken locators (see VaiderRules healing.*), records the run and
  verifies the video against the flow's expectations; re-runs on a mismatch (max_mismatch_retries) or a
  failed step (max_error_retries), stopping when the same failure repeats 3 times.
  Exit code: 0 passed, 1 failed or mismatched, 2 error.

Example: vaider run flow flows/sign-in.flow.yaml --url http://127.0.0.1:5173`;

export const DIFF_USAGE = `Usage: vaider diff <baseline> <current> [--ignore X,Y,W,H]... [--mask FILE] [--threshold T] [--json]

  Compares two screenshots or keyframes: changed regions, text added, removed and changed, SSIM, a
  severity (none, cosmetic, structural, functional, critical) and a diff image.
  Exit code: 0 none or cosmetic, 1 structural or worse, 2 error.

Example: vaider diff baseline.png current.png --ignore 0,0,1280,40`;

export const BASELINE_USAGE = `Usage: vaider baseline approve <run-id> [--rules FILE]

  Makes the keyframes of a finished run (vaider runs, vaider_list_runs, GET /v1/runs) its test's baseline,
  replacing the old one under baselines_dir. Commit the folder to share it.

Example: vaider baseline approve run_m3k9x2a7`;

export const CACHE_USAGE = `Usage: vaider cache clear [--rules FILE]

  Deletes the model response cache (<store_dir>/cache/model): the next analyses ask the models again.

Example: vaider cache clear`;

export const DOCTOR_USAGE = `Usage: vaider doctor [--repair] [--rules FILE] [--json]

  Reads every store file of the project (runs, watch jobs, healing events, dynamic regions, the
  baseline index, the model response cache) and says which are ok, missing or unreadable, and
  which process owns the store. --repair renames each unreadable file <file>.corrupt-<time>, so its
  store starts afresh, and says where it went; it needs the store, so stop a running server first.
  Exit code: 0 when every store is readable (or was repaired), 1 when one is not, 2 on an error.

Example: vaider doctor --repair`;

export const RUNS_USAGE = `Usage: vaider runs [--status S] [--state S] [--limit N] [--rules FILE] [--json]
       vaider runs show <run-id> [--rules FILE] [--json]

  Lists the analyses recorded in the project's store (by vaider analyze, vaider serve, vaider watch,
  REST and MCP), newest first, 50 by default; show prints one run's verdict with each expectation, or
  its error, and its interactions folder. Works while a server owns the store: it reads that server's
  records.

  --status S   only runs that came to S: match, mismatch, uncertain, described, error, queued, analyzing
  --state S    only runs in state S: queued, analyzing, done, error
  --limit N    the newest N (default 50)

Example: vaider runs --status mismatch --limit 10`;

export const MERGE_REPORTS_USAGE = `Usage: vaider merge-reports DIR... [--out DIR] [--junit FILE] [--allow-uncertain] [--rules FILE] [--json]

  Merges the runs that separate CI shards recorded into one report, as Playwright's merge-reports does.
  Each DIR is a shard's project folder (its store is .vaider/, or the store_dir of its VaiderRules.json)
  or its store folder (holding runs/), with the inputs' .VaiderInteractions/ folders. Each shard's
  latest run of each input is kept; when shards analysed the same input (the same path in the project),
  the newest run wins. Runs name the paths of the machine that ran them: a path that is not under DIR
  is read at the same place relative to the shard's project under DIR, and nothing outside the DIRs
  and allowed_roots is read. Says which store each DIR gave and how many runs it had.
  --out DIR          the static HTML report (default: vaider-report/), as vaider report writes it
  --junit FILE       one JUnit XML for all the shards: a testsuite per input, a testcase per expectation
  --allow-uncertain  uncertain expectations are skipped in the JUnit XML instead of failed
  --json             print the counts: runs read, inputs, superseded runs, per status, per shard, JUnit
  Files are written inside allowed_roots only. Exit code: 0 written, 2 an error (a DIR without a store).

Example: vaider merge-reports shard-1/ shard-2/ --junit reports/vaider.xml`;

export const SUBMIT_USAGE = `Usage: vaider submit <file>... [--expect TEXT]... [--rules FILE] [--json]

  Enqueues each video or screenshot as an analysis job on the shared queue (queue.url in
  VaiderRules.json, or VAIDER_QUEUE_URL), for "vaider worker" processes on any machine that sees the
  same project storage. The job carries the path, the expectations and where they came from (--expect,
  else the sidecars, else the rules), never the file's bytes. An unchanged file submitted again is the
  same job. Prints each file's run id; a file that cannot be enqueued is named with why (exit 2).

Example: vaider submit test-output/*.webm     (with queue.url set, or VAIDER_QUEUE_URL=redis://127.0.0.1:6379)`;

export const WORKER_USAGE = `Usage: vaider worker [--concurrency N] [--rules FILE]

  Takes analysis jobs from the shared queue and records each as a run in the project's store, with its
  interactions folder beside the input. Run as many as you like, on any machine that sees the same
  storage: a killed worker's job runs again elsewhere after queue.lock_seconds; errors are retried
  max_error_retries times with back-off; queue.rate_limit is shared by every worker.

  --concurrency N   jobs at once in this worker (default 1)

Example: vaider worker --concurrency 2`;

export const QUEUE_USAGE = `Usage: vaider queue status [--rules FILE] [--json]

  The shared queue: jobs waiting, active, delayed, completed and failed; worker connections; jobs
  finished in the last minute; and each job that failed for good, with its error code.

Example: vaider queue status --json`;

export const REPORT_USAGE = `Usage: vaider report [PATH]... [--out DIR] [--junit FILE] [--allow-uncertain] [--rules FILE] [--json]

  Reports the verdicts recorded in the project's store (vaider analyze, serve, watch, REST, MCP), each
  input's latest run, or only the inputs under PATH:
  --out DIR        a static HTML report, opened from disk with no server (default: vaider-report/):
                   index.html lists the inputs; a page per run shows its verdict with the evidence
                   frames, what happened, and the keyframes (copies and thumbnails, no script)
  --junit FILE     JUnit XML too, which GitHub Actions, GitLab and Jenkins show as test results: a
                   testsuite per input and a testcase per expectation. A failed expectation is a failure
                   with the explanation and the evidence frame; an uncertain one fails too, or is skipped
                   with --allow-uncertain; a run that ended in an error is an error
  Files are written inside allowed_roots only.

Example: vaider watch --once; vaider report test-output/ --junit reports/vaider.xml`;

export const SCHEMA_USAGE = `Usage: vaider schema

  Prints the JSON Schema of VaiderRules.json, for editors (VaiderRules.json's $schema points at it).

Example: vaider schema > rules/VaiderRules.schema.json`;

/** Each command (and its aliases) with its line in the overview and its own help. */
export const COMMANDS: ReadonlyArray<{ names: readonly string[]; summary: string; usage: string }> = [
  { names: ['analyze'], summary: 'analyze <file>   describe a video or screenshot and verify expectations', usage: ANALYZE_USAGE },
  { names: ['serve'], summary: 'serve            the MCP server and REST API on localhost:3456, watching for test videos', usage: SERVE_USAGE },
  { names: ['watch'], summary: 'watch            analyze test videos and screenshots as tests write them (--once: what exists)', usage: SERVE_USAGE },
  { names: ['mcp'], summary: 'mcp --stdio      the MCP server over stdin/stdout', usage: SERVE_USAGE },
  { names: ['init'], summary: 'init             set up Cursor, VS Code and Claude Code to reach the server, and a starter VaiderRules.json', usage: INIT_USAGE },
  { names: ['setup'], summary: 'setup playwright make Playwright record video offline with the ffmpeg already here', usage: SETUP_USAGE },
  { names: ['run'], summary: 'run flow <file>  drive a flow in Chromium with locator healing, and verify its video', usage: RUN_FLOW_USAGE },
  { names: ['diff'], summary: 'diff <a> <b>     compare two screens: regions, text, severity, a diff image', usage: DIFF_USAGE },
  { names: ['report'], summary: 'report [path]    the recorded verdicts as an HTML report (and JUnit XML with --junit)', usage: REPORT_USAGE },
  { names: ['merge-reports'], summary: "merge-reports <dir>...  merge CI shards' runs into one HTML report (and JUnit XML)", usage: MERGE_REPORTS_USAGE },
  { names: ['submit'], summary: 'submit <file>... enqueue analyses on the shared queue (queue.url) for vaider worker', usage: SUBMIT_USAGE },
  { names: ['worker'], summary: 'worker           take analysis jobs from the shared queue', usage: WORKER_USAGE },
  { names: ['queue'], summary: 'queue status     the shared queue: waiting, active, failed, workers, throughput', usage: QUEUE_USAGE },
  { names: ['runs'], summary: 'runs [show <id>]  the recorded runs, newest first, or one with its verdict', usage: RUNS_USAGE },
  { names: ['baseline'], summary: "baseline approve <run>  make a run's keyframes its test's baseline", usage: BASELINE_USAGE },
  { names: ['cache'], summary: 'cache clear      delete the model response cache', usage: CACHE_USAGE },
  { names: ['doctor'], summary: "doctor           check the project's store files; --repair moves unreadable ones aside", usage: DOCTOR_USAGE },
  { names: ['schema'], summary: 'schema           print the JSON Schema of VaiderRules.json', usage: SCHEMA_USAGE },
];

export const OVERVIEW = `Vaider: checks GUI test videos and screenshots against what was expected. Offline by default.

Usage: vaider <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.summary}`).join('\n')}
  help [command]   this text, or a command's options
  --version        the version

Run "vaider <command> --help" for a command's options, defaults and an example.`;

export function usageOf(command: string): string | undefined {
  return COMMANDS.find((c) => c.names.includes(command))?.usage;
}

/** The long options a command's usage names, e.g. ["--expect", "--json"]: what a mistyped one is matched against. */
export function optionsOf(command: string): string[] {
  return [...new Set(usageOf(command)?.match(/--[a-z][a-z-]*/g) ?? []), '--help'];
}
