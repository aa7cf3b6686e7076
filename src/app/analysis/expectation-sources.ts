import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { ResolvedConfig } from '../../config/load-config.js';
import { VaiderError } from '../../base/errors.js';
import { checkedExpectations } from './expectation-limits.js';
import { parseExpectationsFile } from './expectations-file.js';

/** The test behind a video, as the Playwright reporter records it: what a re-run needs. */
export interface TestIdentity {
  title: string;
  file: string;
}

/** Where an analysis's expectations came from: given with the request, a sidecar file, the rules, or nowhere. */
export type ExpectationSource = 'explicit' | 'expect.md' | 'expect.json' | 'rules' | 'none';

export interface VideoExpectations {
  expectations: string[];
  source: ExpectationSource;
  test: TestIdentity | null;
}

const sidecarJson = z.union([
  z.array(z.string()),
  z.looseObject({
    expectations: z.array(z.string()).default([]),
    test: z.looseObject({ title: z.string(), file: z.string() }).optional(),
  }),
]);

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function readSidecarJson(file: string): Promise<{ expectations: string[]; test: TestIdentity | null } | undefined> {
  const text = await readOptional(file);
  if (text === undefined) return undefined;
  let parsed;
  try {
    parsed = sidecarJson.parse(JSON.parse(text));
  } catch (error) {
    throw new VaiderError('BAD_ARGUMENT', `${file}: not a valid expectations file (${(error as Error).message.split('\n')[0]}).`, { file });
  }
  if (Array.isArray(parsed)) return { expectations: parsed, test: null };
  return { expectations: parsed.expectations, test: parsed.test ? { title: parsed.test.title, file: parsed.test.file } : null };
}

/**
 * Where a watched video's expectations come from, first that has any: `<video>.expect.md`, then
 * `<video>.expect.json` (which the Playwright reporter writes, with the test's title and file), then
 * the `expectations` map of VaiderRules keyed by a glob of the path or by the test title.
 */
/** The test that recorded `video`, as the Playwright reporter's sidecar names it; null without one, or a damaged one. */
export async function testOf(video: string): Promise<TestIdentity | null> {
  return (await readSidecarJson(`${video}.expect.json`).catch(() => undefined))?.test ?? null;
}

export async function expectationsFor(video: string, config: ResolvedConfig): Promise<VideoExpectations> {
  const json = await readSidecarJson(`${video}.expect.json`);
  const test = json?.test ?? null;
  const markdown = await readOptional(`${video}.expect.md`);
  const fromMarkdown = markdown === undefined ? [] : parseExpectationsFile(markdown);
  if (fromMarkdown.length > 0) return { expectations: fromMarkdown, source: 'expect.md', test };
  if (json && json.expectations.length > 0) return { expectations: json.expectations, source: 'expect.json', test };

  const relative = path.relative(config.projectRoot, video).split(path.sep).join('/');
  const fromRules = Object.entries(config.rules.expectations)
    .filter(([key]) => key === test?.title || picomatch(key, { dot: true })(relative))
    .flatMap(([, list]) => list);
  if (fromRules.length > 0) return { expectations: fromRules, source: 'rules', test };
  return { expectations: [], source: 'none', test };
}

/**
 * The one way every front end finds an analysis's expectations: those given with the request first,
 * else the input's own (see expectationsFor). A caller that already looked says so with `source`.
 */
export async function requestExpectations(
  input: string,
  config: ResolvedConfig,
  given: readonly string[] | undefined,
  source: ExpectationSource | undefined,
): Promise<{ expectations: string[]; source: ExpectationSource }> {
  const explicit = checkedExpectations(given);
  if (source) return { expectations: explicit, source };
  if (explicit.length > 0) return { expectations: explicit, source: 'explicit' };
  const found = await expectationsFor(input, config);
  return { expectations: checkedExpectations(found.expectations), source: found.source };
}
