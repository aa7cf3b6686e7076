type Annotation = { type: string; description?: string };

/**
 * Test annotations of this type are expectations, in order:
 * `test('…', { annotation: { type: 'vaider', description: "shows 'Welcome, Alice'" } }, …)`.
 */
export const EXPECTATION_ANNOTATION = 'vaider';

/** The verdict Vaider adds to a test; a type of its own, so a verdict is never read back as an expectation. */
export const VERDICT_ANNOTATION = 'vaider-verdict';

/** Where the test's recorded Vaider run is: the viewer's page of a running server, or the command that shows it. */
export const RUN_ANNOTATION = 'vaider-run';

/** The verdict attached to a test result, for reporters listed after Vaider's. */
export const VERDICT_ATTACHMENT = 'vaider-verdict';

/** The keyframes on one sheet, failing evidence framed, attached so Playwright's HTML report shows them. */
export const CONTACT_SHEET_ATTACHMENT = 'vaider-contact-sheet';

/** The frame a failed expectation was judged on, one attachment per frame. */
export const EVIDENCE_ATTACHMENT = 'vaider-evidence';

export function expectationsOf(annotations: readonly Annotation[]): string[] {
  return annotations
    .filter((a) => a.type === EXPECTATION_ANNOTATION)
    .map((a) => a.description?.trim() ?? '')
    .filter(Boolean);
}
