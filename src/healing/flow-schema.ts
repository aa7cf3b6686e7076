import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { VaiderError } from '../base/errors.js';

/**
 * A flow file: the steps of one GUI test, written in words plus optional selectors, so that a broken
 * selector can be healed from the words. JSON or YAML, same shape. Steps are numbered from 1.
 */

const description = (what: string) => z.string().min(1).describe(what);

const gotoStep = z.strictObject({
  goto: description('URL or path to open; a path is relative to base_url.'),
  wait: z
    .enum(['load', 'domcontentloaded', 'networkidle', 'visual-stable'])
    .optional()
    .describe('What to wait for after navigating (default load).'),
});

const clickStep = z.strictObject({
  click: description('The element to click, in words: "the Sign In button".'),
  selector: z.string().min(1).optional().describe('CSS selector; when missing or broken, healing finds the element from the words.'),
});

const fillStep = z.strictObject({
  fill: description('The field to fill, in words: "the Email field".'),
  selector: z.string().min(1).optional().describe('CSS selector; when missing or broken, healing finds the field from the words.'),
  value: z.string().describe('Text the field should hold afterwards (it is cleared first).'),
});

const expectStep = z.strictObject({
  expect: description('Text that must become visible on the page.'),
  timeout_ms: z.number().int().positive().optional().describe('How long to wait for the text (default 5000).'),
});

const waitStep = z.strictObject({
  wait: z
    .union([z.number().int().nonnegative(), z.literal('visual-stable')])
    .describe('Milliseconds to wait, or "visual-stable" to wait until the screen holds still.'),
});

/** Each step is told apart by its one action key; the order here is the order errors list them in. */
const STEP_SCHEMAS = { goto: gotoStep, fill: fillStep, click: clickStep, expect: expectStep, wait: waitStep } as const;
const STEP_KINDS = Object.keys(STEP_SCHEMAS) as StepKind[];

export type StepKind = keyof typeof STEP_SCHEMAS;

export const flowSchema = z.strictObject({
  name: description('Name of the flow, used in reports and healing events.'),
  base_url: z.url().optional().describe('Origin that goto paths are relative to.'),
  steps: z.array(z.union([gotoStep, fillStep, clickStep, expectStep, waitStep])).min(1).describe('What to do, in order.'),
  expectations: z
    .array(z.string().min(1))
    .default([])
    .describe('Expectations for the video verdict of the recorded run.'),
});

export type Flow = z.infer<typeof flowSchema>;
export type FlowStep = Flow['steps'][number];

/** Which action a (valid) step performs. `wait` is also a key of goto steps, so goto is checked first. */
export function stepKind(step: FlowStep): StepKind {
  return STEP_KINDS.find((kind) => kind in step)!;
}

/** The JSON Schema editors use to autocomplete flow files (committed as rules/flow.schema.json). */
export function flowJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(flowSchema, { io: 'input' }), title: 'Vaider flow' };
}

function describeIssue(issue: z.core.$ZodIssue, pathPrefix: string): string {
  const at = [pathPrefix, ...issue.path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${at ? `"${at}": ` : ''}${issue.message.replace(/^Invalid input: /, '')}`;
}

function badFlow(fileName: string, message: string): VaiderError {
  return new VaiderError('BAD_ARGUMENT', `${fileName}: ${message}.`, { file: fileName });
}

/**
 * Steps are checked one by one against the schema of their action, rather than the union, so an error
 * says "step 3: ..." about the step as meant instead of zod's "no union member matched".
 */
function parseStep(raw: unknown, number: number, fileName: string): FlowStep {
  const where = `step ${number}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw badFlow(fileName, `${where} must be an object such as { click: "the Sign In button" }`);
  }
  // A goto step may carry `wait` as its option, so only a step without goto is a wait step.
  const kinds = STEP_KINDS.filter((kind) => kind in raw && !(kind === 'wait' && 'goto' in raw));
  if (kinds.length !== 1) {
    const found = kinds.length === 0 ? 'none' : kinds.join(' and ');
    throw badFlow(fileName, `${where} needs exactly one action of ${STEP_KINDS.join(', ')} (found ${found})`);
  }
  const kind = kinds[0]!;
  const result = STEP_SCHEMAS[kind].safeParse(raw);
  if (!result.success) throw badFlow(fileName, `${where} (${kind}): ${describeIssue(result.error.issues[0]!, '')}`);
  return result.data;
}

function parseText(text: string, fileName: string): unknown {
  const isJson = path.extname(fileName).toLowerCase() === '.json';
  try {
    return isJson ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw badFlow(fileName, `not valid ${isJson ? 'JSON' : 'YAML'}: ${reason}`);
  }
}

/** Parses a flow file's text (JSON when the name ends in .json, else YAML); bad input gives one line naming file and step. */
export function parseFlowFile(text: string, fileName: string): Flow {
  const raw = parseText(text, fileName);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badFlow(fileName, 'a flow must be an object with name and steps');
  const rawSteps = (raw as { steps?: unknown }).steps;
  const steps = Array.isArray(rawSteps) ? rawSteps.map((step, i) => parseStep(step, i + 1, fileName)) : rawSteps;
  const result = flowSchema.safeParse({ ...raw, steps });
  if (!result.success) throw badFlow(fileName, describeIssue(result.error.issues[0]!, ''));
  return result.data;
}

/** Refuses a flow that would fail every attempt the same way: a path to open with no base_url to resolve it. */
export function assertRunnable(flow: Flow, fileName: string): void {
  const relative = flow.steps.find((step) => 'goto' in step && !URL.canParse(step.goto));
  if (relative && 'goto' in relative && flow.base_url === undefined) {
    throw badFlow(fileName, `goto "${relative.goto}" is a path, so the flow needs a base_url (in the file, or given as the url option when it is run)`);
  }
}
