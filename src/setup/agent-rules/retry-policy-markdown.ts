import type { VaiderRules } from '../../config/schema.js';

type RetryRules = Pick<VaiderRules, 'on_mismatch' | 'max_mismatch_retries' | 'max_error_retries' | 'analysis_timeout_seconds'>;

const STOP_NOW = 'do not retry; stop and alert the developer straight away (below).';

function atMost(times: number): string {
  return times === 1 ? 'at most once' : `at most ${times} times`;
}

/** What to do on a mismatch depends on `on_mismatch`; a retry limit of 0 means the same as `notify`. */
function onMismatch(rules: RetryRules): string {
  if (rules.on_mismatch === 'ignore') return '- On `mismatch`: do not retry and do not change code; report the verdict in your summary.';
  if (rules.on_mismatch === 'notify' || rules.max_mismatch_retries === 0) return `- On \`mismatch\`: ${STOP_NOW}`;
  return `- On \`mismatch\`: fix the cause in the code under test, re-run the test and analyze the new video,
  ${atMost(rules.max_mismatch_retries)}.`;
}

/** Analysis errors are retried whatever `on_mismatch` says: an error is no verdict at all. */
function onError(rules: RetryRules): string {
  const what = `- On an analysis error or timeout (an analysis stops after ${rules.analysis_timeout_seconds} s)`;
  if (rules.max_error_retries === 0) return `${what}: ${STOP_NOW}`;
  return `${what}: fix what \`error.code\`
  points at, re-run the test and analyze again, ${atMost(rules.max_error_retries)}.`;
}

export function retryPolicyMarkdown(rules: RetryRules): string {
  return `## When the verdict is not a match

${onMismatch(rules)}
${onError(rules)}
- Then STOP and alert the developer: say what was expected and what Vaider saw, and name the
  \`<video>.VaiderInteractions/\` folder, whose \`README.md\` explains the verdict with its evidence frames.

These limits come from \`VaiderRules.json\`: \`on_mismatch\` is \`${rules.on_mismatch}\`,
\`max_mismatch_retries\` is ${rules.max_mismatch_retries}, \`max_error_retries\` is ${rules.max_error_retries}.`;
}
