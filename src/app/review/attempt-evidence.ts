import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { interactionsDirFor, readRunStatus } from '../../interactions/interaction-log.js';
import type { AttemptSummary } from '../../interactions/interaction-types.js';
import type { ExpectationResult, Verdict } from '../../screen/verdict.js';

/** One attempt of an input's retry loop with the verdict it reached and the evidence of each expectation. */
export interface AttemptView extends AttemptSummary {
  /** The attempt's folder, absolute. */
  folder: string;
  verdict_detail: Pick<Verdict, 'status' | 'confidence' | 'explanation'> | null;
  /** Each expectation's result as that attempt judged it; evidence paths absolute. */
  results: ExpectationResult[];
}

const VERIFY_RESPONSE = /^\d+_verify_response\.json$/;

async function verifyResults(folder: string): Promise<{ verdict: Verdict | null; results: ExpectationResult[] }> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => VERIFY_RESPONSE.test(n)).sort();
  const last = names.at(-1);
  if (!last) return { verdict: null, results: [] };
  try {
    const verdict = JSON.parse(await readFile(path.join(folder, last), 'utf8')) as Verdict;
    const results = (verdict.results ?? []).map((r) => ({
      ...r,
      evidence: r.evidence && { ...r.evidence, path: path.resolve(folder, r.evidence.path) },
    }));
    return { verdict, results };
  } catch {
    // Being written, or damaged: the attempt is still listed, without its evidence.
    return { verdict: null, results: [] };
  }
}

/**
 * The attempts still in `input`'s interactions folder, oldest first, each with its own verdict and
 * evidence: earlier attempts are kept, so a retried test can be compared attempt by attempt.
 */
export async function attemptViews(input: string): Promise<AttemptView[]> {
  const dir = interactionsDirFor(input);
  const status = await readRunStatus(dir);
  return Promise.all(
    (status?.history ?? []).map(async (summary) => {
      const folder = path.join(dir, summary.dir);
      const { verdict, results } = await verifyResults(folder);
      return {
        ...summary,
        folder,
        verdict_detail: verdict && { status: verdict.status, confidence: verdict.confidence, explanation: verdict.explanation },
        results,
      };
    }),
  );
}
