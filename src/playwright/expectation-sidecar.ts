import type { Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { writeJsonAtomic } from '../base/atomic-write.js';
import { expectationsOf } from './vaider-annotations.js';

/**
 * `<video>.expect.json`: what a recorded test expected, next to its video, for analyzers that run
 * outside Playwright (the watcher reads `expectations`, and `test.file` / `test.title` to re-run the test).
 */
export interface ExpectationSidecar {
  version: 1;
  expectations: string[];
  test: {
    title: string;
    /** The file (relative to testDir), the describe blocks, then the title; without the root and project. */
    titlePath: string[];
    /** Absolute. */
    file: string;
    line: number;
    project: string;
  };
  status: TestResult['status'];
}

export const SIDECAR_SUFFIX = '.expect.json';

export function sidecarPathFor(video: string): string {
  return `${video}${SIDECAR_SUFFIX}`;
}

function titlePathBelowProject(test: TestCase): string[] {
  const titles = [test.title];
  for (let suite: Suite | undefined = test.parent; suite?.type === 'describe' || suite?.type === 'file'; suite = suite.parent) {
    titles.unshift(suite.title);
  }
  return titles;
}

/** Built from the result, not the test: with retries each attempt has its own video and annotations. */
export function expectationSidecar(test: TestCase, result: TestResult): ExpectationSidecar {
  return {
    version: 1,
    expectations: expectationsOf(result.annotations),
    test: {
      title: test.title,
      titlePath: titlePathBelowProject(test),
      file: test.location.file,
      line: test.location.line,
      project: test.parent.project()?.name ?? '',
    },
    status: result.status,
  };
}

export async function writeExpectationSidecar(video: string, sidecar: ExpectationSidecar): Promise<void> {
  await writeJsonAtomic(sidecarPathFor(video), sidecar);
}
