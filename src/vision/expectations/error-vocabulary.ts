/** How error messages are named in expectations, and how they read on screen. */

/** Nouns in an expectation that ask about error messages in general: "no error message". */
export const ERROR_NOUNS = new Set([
  'error', 'errors', 'error-free', 'failure', 'failures', 'exception', 'exceptions', 'crash',
  'crashes', 'warning', 'warnings',
]);

/** Warnings are not errors; they are only searched for when the expectation names them. */
export const WARNING_NOUNS = new Set(['warning', 'warnings']);

/** Wording that marks a line on screen as an error message. */
export const ERROR_TERMS = [
  'error', 'errors', 'invalid', 'failed', 'failure', 'incorrect', 'denied', 'wrong', 'unable', 'exception',
  'not found', 'could not', "couldn't", 'unauthorized', 'unauthorised', 'forbidden', 'oops', 'timed out',
  'try again',
];
export const WARNING_TERMS = ['warning'];

/** A term preceded by one of these is reassurance, not an error: "No errors", "0 errors found". */
export const REASSURING_PREFIXES = new Set(['no', '0', 'zero', 'without']);
