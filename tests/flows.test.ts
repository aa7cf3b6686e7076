import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserDriver } from '../src/drivers/browser-driver.js';
import { launchPlaywrightDriver } from '../src/drivers/playwright-driver.js';
import { launchSeleniumDriver } from '../src/drivers/selenium-driver.js';
import { VaiderError } from '../src/base/errors.js';
import { flowJsonSchema, parseFlowFile, type Flow } from '../src/healing/flow-schema.js';
import type { HealingEvent, HealingRequest } from '../src/healing/healing-types.js';
import { runFlow } from '../src/healing/run-flow.js';
import { serveDemo, type DemoServer } from '../examples/demo-app/serve-demo.js';
import { scratchDir } from './helpers/media-fixtures.js';

const SIGN_IN_FLOW = path.join(import.meta.dirname, '../examples/demo-app/flows/sign-in.flow.yaml');

function parseError(text: string, fileName = 'bad.flow.yaml'): VaiderError {
  try {
    parseFlowFile(text, fileName);
  } catch (error) {
    return error as VaiderError;
  }
  throw new Error('expected the flow to be rejected');
}

describe('flow files', () => {
  it('parses the YAML demo flow', async () => {
    const flow = parseFlowFile(await readFile(SIGN_IN_FLOW, 'utf8'), 'sign-in.flow.yaml');
    expect(flow.name).toBe('sign in');
    expect(flow.steps).toHaveLength(5);
    expect(flow.steps[1]).toEqual({ fill: 'the Email field', selector: '#email', value: 'alice@example.com' });
    expect(flow.expectations).toEqual(["at the end shows 'Welcome, Alice'"]);
  });

  it('parses JSON, keeping goto with its wait apart from a wait step', () => {
    const flow = parseFlowFile(
      JSON.stringify({
        name: 'j',
        base_url: 'http://127.0.0.1:4173',
        steps: [{ goto: '/', wait: 'visual-stable' }, { wait: 500 }, { wait: 'visual-stable' }, { click: 'the button' }, { expect: 'Hi', timeout_ms: 900 }],
      }),
      'j.flow.json',
    );
    expect(flow.steps).toEqual([
      { goto: '/', wait: 'visual-stable' },
      { wait: 500 },
      { wait: 'visual-stable' },
      { click: 'the button' },
      { expect: 'Hi', timeout_ms: 900 },
    ]);
    expect(flow.expectations).toEqual([]);
  });

  it.each([
    ['name: x\nsteps:\n  - goto: /\n  - fill: the Email field\n    selector: "#email"\n', /bad\.flow\.yaml: step 2 \(fill\): "value": expected string/],
    ['name: x\nsteps:\n  - goto: /\n  - clik: the button\n', /bad\.flow\.yaml: step 2 needs exactly one action of .* \(found none\)/],
    ['name: x\nsteps:\n  - click: a\n    expect: b\n', /step 1 needs exactly one action .*\(found click and expect\)/],
    ['name: x\nsteps:\n  - wait: soon\n', /step 1 \(wait\): /],
    ['name: x\nsteps:\n  - click: a\n    selecter: "#a"\n', /step 1 \(click\): unknown key "selecter"/],
    ['steps:\n  - goto: /\n', /bad\.flow\.yaml: "name": expected string/],
    ['name: x\nsteps: [\n', /bad\.flow\.yaml: not valid YAML: /],
  ])('rejects %j in one line', (text, message) => {
    const error = parseError(text);
    expect(error).toBeInstanceOf(VaiderError);
    expect(error.code).toBe('BAD_ARGUMENT');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('rejects bad JSON naming the file', () => {
    expect(parseError('{"name": ', 'x.flow.json').message).toMatch(/^x\.flow\.json: not valid JSON: /);
  });

  it('has its JSON Schema committed and up to date', async () => {
    const committed = JSON.parse(await readFile(path.join(import.meta.dirname, '../rules/flow.schema.json'), 'utf8'));
    expect(committed).toEqual(flowJsonSchema());
  });
});

/**
 * Stands in for the healing engine: finds the element the description names by its label or by the
 * start of its text in the page (v2 relabels "Sign In" to "Sign in now"), and answers with its id.
 */
async function fakeHeal(request: HealingRequest): Promise<HealingEvent> {
  const newSelector = await request.driver.executeScript<string | null>(
    `const words = arguments[0].replace(/^the /, '').replace(/ (field|button)$/, '');
     const label = Array.from(document.querySelectorAll('label')).find((l) => l.textContent.trim() === words);
     if (label) return '#' + label.htmlFor;
     const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent.trim().toLowerCase().startsWith(words.toLowerCase()));
     return button ? '#' + button.id : null;`,
    request.description,
  );
  return {
    id: `heal-${request.step}`,
    flow: request.flow,
    step: request.step,
    description: request.description,
    old_selector: request.selector ?? null,
    new_selector: newSelector,
    problem: request.problem,
    method: 'ocr',
    confidence: 0.95,
    decision: newSelector ? 'applied' : 'failed',
    candidates: newSelector ? [{ selector: newSelector, kind: 'id', unique: true, visible: true, confidence: 0.95 }] : [],
    before_screenshot: path.join(request.evidenceDir, `step-${request.step}-before.png`),
    after_screenshot: null,
    created_at: new Date().toISOString(),
    review: 'pending',
  };
}

describe.each([
  { engine: 'playwright', launch: launchPlaywrightDriver, extension: '.webm' },
  { engine: 'selenium', launch: launchSeleniumDriver, extension: '.mp4' },
])('running the sign-in flow with $engine', ({ launch, extension }) => {
  let driver: BrowserDriver;
  let v1: DemoServer;
  let v2: DemoServer;
  let dir: string;
  let cleanup: () => Promise<void>;
  let flow: Flow;

  beforeAll(async () => {
    ({ dir, cleanup } = await scratchDir());
    [driver, v1, v2] = await Promise.all([launch({ viewport: { width: 1280, height: 720 } }), serveDemo('v1'), serveDemo('v2')]);
    flow = parseFlowFile(await readFile(SIGN_IN_FLOW, 'utf8'), 'sign-in.flow.yaml');
  });
  afterAll(async () => {
    await driver?.close();
    await Promise.all([v1?.close(), v2?.close()]);
    await cleanup?.();
  });

  const run = (server: DemoServer, name: string, heal?: (request: HealingRequest) => Promise<HealingEvent>) =>
    runFlow(
      { ...flow, base_url: server.url },
      { driver, video: path.join(dir, `${name}${extension}`), evidenceDir: dir, flowName: flow.name, heal },
    );

  it('passes on v1 with every step as written, and records it', async () => {
    const seen: number[] = [];
    const result = await runFlow(
      { ...flow, base_url: v1.url },
      { driver, video: path.join(dir, `v1${extension}`), evidenceDir: dir, flowName: flow.name, onStep: (s) => seen.push(s.index) },
    );
    expect(result.failure).toBeNull();
    expect(result.passed).toBe(true);
    expect(result.steps.map((s) => [s.kind, s.status])).toEqual([
      ['goto', 'passed'],
      ['fill', 'passed'],
      ['fill', 'passed'],
      ['click', 'passed'],
      ['expect', 'passed'],
    ]);
    expect(result.steps[1]!.selector_used).toBe('#email');
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(result.video).toBe(path.join(dir, `v1${extension}`));
    expect(existsSync(result.video) && statSync(result.video).size).toBeGreaterThan(0);
  });

  it('fails on v2 without healing at the first renamed selector, still recording', async () => {
    const result = await run(v2, 'v2-unhealed');
    expect(result.passed).toBe(false);
    expect(result.failure?.step).toBe(2);
    expect(result.failure?.message).toMatch(/step 2 \(fill\): selector "#email" matches no element \(not_found\)/);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed']);
    expect(existsSync(result.video)).toBe(true);
  });

  it('passes on v2 when healing finds the renamed elements', async () => {
    const result = await run(v2, 'v2-healed', fakeHeal);
    expect(result.failure).toBeNull();
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'healed', 'passed', 'healed', 'passed']);
    expect(result.steps[1]).toMatchObject({ selector_used: '#user-email', healing: { old_selector: '#email', problem: 'not_found' } });
    expect(result.steps[3]).toMatchObject({ selector_used: '#signin-btn', healing: { old_selector: '#login-btn' } });
    expect(await driver.executeScript("return document.getElementById('user-email').value;")).toBe('alice@example.com');
  });

  it('fails with the candidates when healing cannot decide', async () => {
    const result = await run(v2, 'v2-review', async (request) => ({ ...(await fakeHeal(request)), decision: 'manual_review' }));
    expect(result.failure?.message).toMatch(/not_found\); healing manual_review: candidates #user-email \(0\.95\)/);
    expect(result.steps[1]!.healing?.decision).toBe('manual_review');
  });

  it('throws CANCELLED when aborted mid-step, after stopping the recording', async () => {
    const video = path.join(dir, `cancelled${extension}`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const waiting = parseFlowFile(`name: w\nbase_url: ${v1.url}\nsteps:\n  - goto: /\n  - wait: 20000\n`, 'w.flow.yaml');
    await expect(runFlow(waiting, { driver, video, evidenceDir: dir, flowName: 'w', signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(existsSync(video)).toBe(true);
  });
});
