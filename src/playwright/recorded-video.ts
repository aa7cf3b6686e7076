import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { ExpectationSidecar } from './expectation-sidecar.js';

/** A video one test attempt left behind, with what the attempt expected and where its verdict goes. */
export interface RecordedVideo {
  video: string;
  sidecar: ExpectationSidecar;
  test: TestCase;
  result: TestResult;
}

/** Playwright attaches its recording as `video`; a test may attach more videos of its own. */
export function videoPaths(result: TestResult): string[] {
  return result.attachments.filter((a) => a.path && a.contentType.startsWith('video/')).map((a) => a.path!);
}
