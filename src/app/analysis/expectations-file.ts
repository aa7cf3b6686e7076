/**
 * Reads an `--expect-file`: one expectation per line, `#` comments and blank lines ignored, `- ` and
 * `* ` bullets stripped. A run of numbered lines ("1.", "2)", …) is one ordered expectation, joined
 * with its numbers kept so that `parseExpectation` checks the steps in order.
 */

const BULLET = /^[-*]\s+/;
const STEP_NUMBER = /^(\d{1,3})[.)]\s+/;

export function parseExpectationsFile(text: string): string[] {
  const expectations: string[] = [];
  let steps: string[] = [];
  let lastStepNumber = 0;
  const endSteps = () => {
    if (steps.length > 0) expectations.push(steps.join(' '));
    steps = [];
    lastStepNumber = 0;
  };

  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    // A comment may annotate a step without ending the list; a blank line ends it.
    if (line.startsWith('#')) continue;
    if (!line) {
      endSteps();
      continue;
    }
    const step = STEP_NUMBER.exec(line);
    if (step) {
      const stepNumber = Number(step[1]);
      // Numbering that starts again ("1." after "3.") begins a new list.
      if (stepNumber <= lastStepNumber) endSteps();
      lastStepNumber = stepNumber;
      steps.push(line);
      continue;
    }
    endSteps();
    const expectation = line.replace(BULLET, '').trim();
    if (expectation) expectations.push(expectation);
  }
  endSteps();
  return expectations;
}
