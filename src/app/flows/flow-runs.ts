import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VaiderError } from '../../base/errors.js';
import { writeFileAtomic } from '../../base/atomic-write.js';
import { assertRunnable, parseFlowFile, type Flow } from '../../healing/flow-schema.js';
import { healingPatch, rewriteFlowSelectors } from '../../healing/flow-edits.js';
import { healLocator } from '../../healing/heal-locator.js';
import { openHealingStore } from '../../healing/healing-store.js';
import type { HealingEvent } from '../../healing/healing-types.js';
import { runFlow, type FlowRunResult } from '../../healing/run-flow.js';
import { InteractionFolder } from '../../interactions/interaction-log.js';
import { resolveInsideRoots } from '../../base/allowed-roots.js';
import type { Verdict } from '../../screen/verdict.js';
import type { AnalyzeRequest } from '../analysis/analysis-types.js';
import type { UseCaseContext } from '../use-case-context.js';
import { failureSignature, repeatsItself } from './failure-signature.js';

export type DriverName = 'playwright' | 'selenium';

export interface FlowRunRequest {
  flowPath: string;
  driver: DriverName;
  /** Fills the flow's base_url (for relative goto paths). */
  baseUrl?: string;
  /** Re-run on a mismatch or a failed step under VaiderRules (default true). */
  retry?: boolean;
  requestedBy?: string;
  signal?: AbortSignal;
  onAttempt?: (attempt: FlowAttempt) => void;
}

/** Verifies a flow's recording against its expectations; the application records it as a run. */
export type VerifyRecording = (request: AnalyzeRequest) => Promise<Verdict | null>;

export interface FlowAttempt {
  attempt: number;
  passed: boolean;
  failure: FlowRunResult['failure'];
  video: string;
  verdict: Verdict['status'] | null;
  healed: number;
}

export type StopReason = 'passed' | 'mismatch_limit' | 'error_limit' | 'repeated_failure' | 'no_retry';

export interface FlowOutcome {
  flow: string;
  driver: DriverName;
  attempts: FlowAttempt[];
  passed: boolean;
  verdict: Verdict | null;
  stoppedBecause: StopReason;
  healing: HealingEvent[];
  /** Proposed healings as a patch file, for a person to apply. */
  patch: string | null;
  /** Locators written into the flow file (healing.auto_commit). */
  rewritten: number;
  interactionsDir: string;
}

// A driver's module, with its browser library, loads when a flow first drives it, not with every command.
const launch = async (driver: DriverName) =>
  driver === 'playwright' ? (await import('../../drivers/playwright-driver.js')).launchPlaywrightDriver() : (await import('../../drivers/selenium-driver.js')).launchSeleniumDriver();

/**
 * `vaider run flow`: drives the flow in a real browser, healing broken locators, records it, verifies
 * the video against the flow's expectations, and under VaiderRules runs it again on a mismatch (5)
 * or a failed step (3), stopping early when the same failure repeats three times. Expectations are
 * never edited; healed locators are written to the flow only with healing.auto_commit.
 */
export async function runFlowFile(ctx: UseCaseContext, request: FlowRunRequest, verify: VerifyRecording): Promise<FlowOutcome> {
  const { config } = ctx;
  const rules = config.rules;
  const flowPath = await resolveInsideRoots(path.resolve(config.projectRoot, request.flowPath), config.allowedRoots);
  let flow: Flow = parseFlowFile(await readFile(flowPath, 'utf8').catch(() => {
    throw new VaiderError('INPUT_NOT_FOUND', `${request.flowPath} does not exist.`, { path: request.flowPath });
  }), path.basename(flowPath));
  if (request.baseUrl) flow = { ...flow, base_url: request.baseUrl };
  // A flow that cannot run is refused before any attempt, not retried.
  assertRunnable(flow, path.basename(flowPath));
  const name = flow.name.replace(/[^\w.-]+/g, '-');
  const runsDir = await resolveInsideRoots(path.resolve(config.projectRoot, rules.store_dir, 'flow-runs', name), config.allowedRoots);
  await mkdir(runsDir, { recursive: true });
  const healingStore = await openHealingStore(path.resolve(config.projectRoot, rules.store_dir));
  const provider = ctx.providerFor();
  const thresholds = { apply: rules.healing.apply, propose: rules.healing.propose, review: rules.healing.review };

  const attempts: FlowAttempt[] = [];
  const signatures: Array<string | null> = [];
  const healing: HealingEvent[] = [];
  let verdict: Verdict | null;
  let stoppedBecause: StopReason = 'no_retry';
  let video: string;
  for (let attempt = 1; ; attempt++) {
    video = path.join(runsDir, `attempt-${attempt}.${request.driver === 'playwright' ? 'webm' : 'mp4'}`);
    const evidenceDir = `${video}.VaiderInteractions`;
    await mkdir(evidenceDir, { recursive: true });
    const driver = await launch(request.driver);
    let result: FlowRunResult;
    try {
      result = await runFlow(flow, {
        driver,
        video,
        evidenceDir,
        flowName: flow.name,
        signal: request.signal,
        heal: async (healRequest) => {
          const event = await healLocator(healRequest, {
            locate: async (shot, description) => provider.findElement(shot, description, { signal: request.signal }),
            method: provider.id === 'local' ? 'ocr' : 'model',
            thresholds,
          });
          await healingStore.add(event);
          healing.push(event);
          return event;
        },
      });
    } finally {
      await driver.close();
    }
    verdict = null;
    if (result.passed && flow.expectations.length > 0) {
      verdict = await verify({ input: result.video, expectations: flow.expectations, requestedBy: request.requestedBy ?? 'flow', signal: request.signal });
    }
    const failedExpectations = verdict?.results.filter((r) => r.status === 'fail').map((r) => r.expectation) ?? [];
    signatures.push(failureSignature(result.failure, failedExpectations));
    const entry: FlowAttempt = {
      attempt,
      passed: result.passed,
      failure: result.failure,
      video: result.video,
      verdict: verdict?.status ?? null,
      healed: result.steps.filter((s) => s.status === 'healed').length,
    };
    attempts.push(entry);
    request.onAttempt?.(entry);

    if (result.passed && (!verdict || verdict.status !== 'mismatch')) {
      stoppedBecause = 'passed';
      break;
    }
    if (request.retry === false) break;
    const errors = attempts.filter((a) => !a.passed).length;
    const mismatches = attempts.filter((a) => a.passed && a.verdict === 'mismatch').length;
    if (repeatsItself(signatures)) stoppedBecause = 'repeated_failure';
    else if (!result.passed && errors > rules.max_error_retries) stoppedBecause = 'error_limit';
    else if (result.passed && mismatches > rules.max_mismatch_retries) stoppedBecause = 'mismatch_limit';
    else continue;
    break;
  }

  const folder = await InteractionFolder.open(video, { keepAttempts: rules.interactions.keep_attempts });
  const log = await folder.startAttempt('flow');
  const proposed = healing.filter((e) => e.decision === 'proposed');
  const applied = healing.filter((e) => e.decision === 'applied');
  const patchText = await healingPatch(flowPath, path.relative(config.projectRoot, flowPath), [...applied, ...proposed]);
  let patch: string | null = null;
  if (patchText) {
    patch = path.join(log.dir, 'healing.patch');
    await writeFileAtomic(patch, patchText);
  }
  const rewritten = rules.healing.auto_commit ? await rewriteFlowSelectors(flowPath, applied) : 0;
  const passed = stoppedBecause === 'passed';
  const outcome: FlowOutcome = { flow: flowPath, driver: request.driver, attempts, passed, verdict, stoppedBecause, healing, patch, rewritten, interactionsDir: log.dir };
  await log.exchange('flow_run', { operation: 'run_flow', flow: flowPath, driver: request.driver, base_url: flow.base_url ?? null }, outcome);
  await log.finish({});
  if (!passed) {
    // The developer is told where to look, as the watcher does when its retry loop gives up.
    const message = `Flow ${flow.name} did not pass after ${attempts.length} attempt(s) (${stoppedBecause}).`;
    await folder.updateLedger((ledger) => (ledger.attention = message));
    await folder.event('internal.gave_up', { message });
  }
  return outcome;
}

