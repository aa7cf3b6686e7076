import { failingEvidence } from '../screen/verdict.js';
import type { RecordingOutcome } from './analyze-recordings.js';
import { CONTACT_SHEET_ATTACHMENT, EVIDENCE_ATTACHMENT, RUN_ANNOTATION, VERDICT_ANNOTATION, VERDICT_ATTACHMENT } from './vaider-annotations.js';
import type { VerdictSummary } from './verdict-summary.js';

/**
 * Adds the verdict to the test's result as an attachment (the full JSON result, or the error) and an
 * annotation. Playwright hands every reporter the same TestCase and TestResult objects and awaits each
 * reporter's onEnd in the order they are listed, so reporters listed after Vaider's (json, html) build
 * their report from these objects with the verdict in them.
 */
export function attachVerdict(outcome: RecordingOutcome, summary: VerdictSummary): void {
  const { video, test, result } = outcome.recording;
  const body =
    'result' in outcome
      ? { run_id: outcome.run?.id ?? null, ...outcome.result }
      : { input: video, error: { code: outcome.error.code, message: outcome.error.message, details: outcome.error.details } };
  result.attachments.push({ name: VERDICT_ATTACHMENT, contentType: 'application/json', body: Buffer.from(JSON.stringify(body, null, 2)) });
  if ('result' in outcome) {
    // As paths: Playwright's HTML report copies the files, so they stay viewable after the run.
    const { contact_sheet: contactSheet, verdict } = outcome.result;
    if (contactSheet) result.attachments.push({ name: CONTACT_SHEET_ATTACHMENT, contentType: 'image/png', path: contactSheet });
    for (const frame of failingEvidence(verdict)) result.attachments.push({ name: EVIDENCE_ATTACHMENT, contentType: 'image/png', path: frame });
    // The recorded run, where a person opens it: the viewer's page, or the command that shows it.
    if (outcome.run) addAnnotation(test, result, { type: RUN_ANNOTATION, description: outcome.run.where });
  }
  const where = summary.interactionsDir ? ` (${summary.interactionsDir})` : '';
  addAnnotation(test, result, { type: VERDICT_ANNOTATION, description: `${summary.label}: ${summary.explanation}${where}` });
}

/** A test's own annotations are those of its last attempt; an earlier attempt's verdict stays on its result. */
function addAnnotation(test: RecordingOutcome['recording']['test'], result: RecordingOutcome['recording']['result'], annotation: { type: string; description: string }): void {
  result.annotations.push(annotation);
  if (test.results.at(-1) === result) test.annotations.push(annotation);
}
