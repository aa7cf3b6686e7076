/** How error messages are named in expectations, and how they read on screen. */

/** Nouns in an expectation that ask about error messages in general: "no error message". */
export const ERROR_NOUNS = new Set([
  'error', 'errors', 'error-free', 'failure', 'failures', 'exception', 'exceptions', 'crash',
  'crashes', 'warning', 'warnings',
]);

/** Warnings are not errors; they are only searched for when the expectation names them. */
export const WARNING_NOUNS = new Set(['warning', 'warnings']);

/**
 * Wording that marks a line on screen as an error message, whatever else it says: "Payment declined",
 * "Session expired", "Access denied", "Something went wrong". Few apps say "error".
 */
export const ERROR_TERMS = [
  'error', 'errors', 'invalid', 'failed', 'failure', 'incorrect', 'denied', 'declined', 'expired',
  'rejected', 'wrong', 'unable', 'exception', 'not found', 'could not', "couldn't", 'unauthorized',
  'unauthorised', 'forbidden', 'oops', 'timed out', 'try again', 'went wrong', 'not allowed',
  'not authorized', 'not permitted', 'unavailable', 'fatal', 'crashed', 'refused', 'blocked',
  'suspended', 'locked out', 'does not match', "doesn't match", 'do not match', "don't match",
  'insufficient', 'no longer valid', 'lost connection', 'disconnected', 'problem',
];
export const WARNING_TERMS = ['warning'];

/**
 * Wording of form validation: "Email is required", "Name must be between 3 and 16 characters". The
 * same words stand in hints that are there from the start ("All fields are required"), so a line
 * counts as an error message only when it appeared while the video ran.
 */
export const VALIDATION_TERMS = [
  'required', 'must be', 'must contain', 'must have', 'must match', 'please enter', 'please provide',
  'please select', 'please choose', 'please fill', 'please correct', 'please check', 'not valid',
  'too short', 'too long', 'too many', 'is missing',
];

/** A term preceded by one of these is reassurance, not an error: "No errors", "0 errors found". */
export const REASSURING_PREFIXES = new Set(['no', '0', 'zero', 'without']);
