import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserDriver } from '../drivers/browser-driver.js';
import { VaiderError } from '../base/errors.js';
import { stepKind, type Flow, type FlowStep, type StepKind } from './flow-schema.js';
import type { HealingEvent, HealingRequest, LocatorProblem } from './healing-types.js';

export type StepStatus = 'passed' | 'healed' | 'failed';

export interface FlowStepResult {
  /** 1-based, as in error messages and healing requests. */
  index: number;
  kind: StepKind;
  status: StepStatus;
  /** The selector acted on (the healed one when healed); null for steps without an element. */
  selector_used: string | null;
  healing: HealingEvent | null;
  error: string | null;
  ms: number;
}

export interface FlowRunResult {
  passed: boolean;
  steps: FlowStepResult[];
  video: string;
  failure: { step: number; message: string } | null;
}

export interface RunFlowOptions {
  driver: BrowserDriver;
  /** Where to record the run (.webm with Playwright, .mp4 with Selenium). */
  video: string;
  /** Where healing puts its before/after screenshots. */
  evidenceDir: string;
  flowName: string;
  /** Finds a broken or missing locator again; without it such a step fails. */
  heal?: (request: HealingRequest) => Promise<HealingEvent>;
  /** Called after each step with its result, for progress reporting. */
  onStep?: (info: FlowStepResult & { total: number }) => void;
  signal?: AbortSignal;
}

const STABILITY_AFTER_ACTION = { timeoutMs: 5000 };
const EXPECT_TIMEOUT_MS = 5000;
const EXPECT_POLL_MS = 100;

/** A step that did not pass, with what healing tried if it was asked. */
class StepFailure extends Error {
  constructor(
    message: string,
    readonly healing: HealingEvent | null = null,
  ) {
    super(message);
  }
}

interface StepOutcome {
  status: 'passed' | 'healed';
  selector_used: string | null;
  healing: HealingEvent | null;
}

const PROBLEM_WORDS: Record<LocatorProblem, string> = {
  not_found: 'matches no element',
  ambiguous: 'matches several visible elements',
  hidden: 'matches an element that is not visible',
};

/**
 * Counts matches in the page and their visibility, the same way in either engine. An invalid
 * selector counts as not found, so healing gets a chance at it too.
 */
const PROBE_SCRIPT = `
  let elements;
  try { elements = Array.from(document.querySelectorAll(arguments[0])); } catch { return { count: 0, visible: 0 }; }
  const isVisible = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
  };
  return { count: elements.length, visible: elements.filter(isVisible).length };`;

async function locatorProblem(driver: BrowserDriver, selector: string): Promise<LocatorProblem | null> {
  const { count, visible } = await driver.executeScript<{ count: number; visible: number }>(PROBE_SCRIPT, selector);
  if (count === 0) return 'not_found';
  if (visible > 1) return 'ambiguous';
  if (visible === 0) return count > 1 ? 'ambiguous' : 'hidden';
  // One visible among hidden duplicates is still the one a user sees and can act on.
  return null;
}

function describeCandidates(event: HealingEvent): string {
  if (event.candidates.length === 0) return 'no candidates';
  const list = event.candidates.map((c) => `${c.selector} (${c.confidence.toFixed(2)})`).join(', ');
  return `candidates ${list}`;
}

/** The selector to act on: the step's own when it works, else the healed one. */
async function resolveSelector(
  step: { description: string; selector: string | undefined },
  index: number,
  options: RunFlowOptions,
): Promise<StepOutcome> {
  const { driver, heal } = options;
  const problem = step.selector === undefined ? 'not_found' : await locatorProblem(driver, step.selector);
  if (problem === null) return { status: 'passed', selector_used: step.selector!, healing: null };

  const what = step.selector === undefined ? `no selector for ${step.description}` : `selector "${step.selector}" ${PROBLEM_WORDS[problem]}`;
  if (!heal) throw new StepFailure(`${what} (${problem}); no healing available`);

  const event = await heal({
    driver,
    description: step.description,
    selector: step.selector,
    problem,
    evidenceDir: options.evidenceDir,
    flow: options.flowName,
    step: index,
  });
  const usable = (event.decision === 'applied' || event.decision === 'proposed') && event.new_selector !== null;
  if (!usable) throw new StepFailure(`${what} (${problem}); healing ${event.decision}: ${describeCandidates(event)}`, event);
  const healedProblem = await locatorProblem(driver, event.new_selector!);
  if (healedProblem !== null) {
    throw new StepFailure(`${what} (${problem}); healed selector "${event.new_selector}" ${PROBLEM_WORDS[healedProblem]}`, event);
  }
  return { status: 'healed', selector_used: event.new_selector, healing: event };
}

function resolveUrl(target: string, baseUrl: string | undefined): string {
  if (URL.canParse(target)) return target;
  if (baseUrl === undefined) throw new StepFailure(`"${target}" is a path but the flow has no base_url`);
  return new URL(target, baseUrl).href;
}

async function waitForText(driver: BrowserDriver, text: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await driver.executeScript<boolean>('return document.body.innerText.includes(arguments[0]);', text)) return;
    if (Date.now() >= deadline) throw new StepFailure(`"${text}" did not become visible within ${timeoutMs} ms`);
    await sleep(EXPECT_POLL_MS, undefined, { signal });
  }
}

/** Empties the field (with the events a user's deletion fires) so typing leaves exactly the value. */
const CLEAR_FIELD_SCRIPT = `
  const field = document.querySelector(arguments[0]);
  field.value = '';
  field.dispatchEvent(new Event('input', { bubbles: true }));`;

async function runStep(step: FlowStep, index: number, flow: Flow, options: RunFlowOptions): Promise<StepOutcome> {
  const { driver, signal } = options;
  const none: StepOutcome = { status: 'passed', selector_used: null, healing: null };
  if ('goto' in step) {
    await driver.navigate(resolveUrl(step.goto, flow.base_url), step.wait ?? 'load');
    await driver.waitForVisualStability(STABILITY_AFTER_ACTION);
    return none;
  }
  if ('fill' in step) {
    const outcome = await resolveSelector({ description: step.fill, selector: step.selector }, index, options);
    const target = { selector: outcome.selector_used! };
    await driver.executeScript(CLEAR_FIELD_SCRIPT, target.selector);
    await driver.type(target, step.value);
    await driver.waitForVisualStability(STABILITY_AFTER_ACTION);
    return outcome;
  }
  if ('click' in step) {
    const outcome = await resolveSelector({ description: step.click, selector: step.selector }, index, options);
    await driver.click({ selector: outcome.selector_used! });
    await driver.waitForVisualStability(STABILITY_AFTER_ACTION);
    return outcome;
  }
  if ('expect' in step) {
    await waitForText(driver, step.expect, step.timeout_ms ?? EXPECT_TIMEOUT_MS, signal);
    return none;
  }
  if (step.wait === 'visual-stable') {
    const result = await driver.waitForVisualStability();
    if (!result.stable) throw new StepFailure(`the screen did not hold still within ${result.waitedMs} ms`);
  } else {
    await sleep(step.wait, undefined, { signal });
  }
  return none;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new VaiderError('CANCELLED', 'The flow run was cancelled.');
}

/**
 * Runs a flow's steps in order while recording the screen, healing selectors through `heal` when
 * given. Stops at the first failed step; the recording is stopped and the partial result returned.
 * Cancellation through `signal` throws CANCELLED (after stopping the recording).
 */
export async function runFlow(flow: Flow, options: RunFlowOptions): Promise<FlowRunResult> {
  const { driver, signal } = options;
  throwIfCancelled(signal);
  const steps: FlowStepResult[] = [];
  let failure: FlowRunResult['failure'] = null;
  await driver.startRecording(options.video);
  let video: string;
  try {
    for (const [i, step] of flow.steps.entries()) {
      throwIfCancelled(signal);
      const index = i + 1;
      const started = Date.now();
      let result: FlowStepResult;
      try {
        const outcome = await runStep(step, index, flow, options);
        result = { index, kind: stepKind(step), ...outcome, error: null, ms: Date.now() - started };
      } catch (error) {
        if (signal?.aborted) throw new VaiderError('CANCELLED', 'The flow run was cancelled.', {}, { cause: error });
        // Driver errors (a click intercepted, a page that would not load) fail the step like any other.
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        const healing = error instanceof StepFailure ? error.healing : null;
        result = { index, kind: stepKind(step), status: 'failed', selector_used: null, healing, error: message, ms: Date.now() - started };
        failure = { step: index, message: `step ${index} (${result.kind}): ${message}` };
      }
      steps.push(result);
      options.onStep?.({ ...result, total: flow.steps.length });
      if (failure) break;
    }
  } finally {
    video = await driver.stopRecording();
  }
  return { passed: failure === null, steps, video, failure };
}
