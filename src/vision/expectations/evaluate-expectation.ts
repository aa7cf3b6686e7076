import type { ExpectationResult } from '../../screen/verdict.js';
import { HEURISTIC_WEIGHT, UNCERTAIN_CONFIDENCE } from './confidence.js';
import { evaluateClause, type ClauseOutcome, type ClauseTarget } from './evaluate-clause.js';
import { evaluateSequence } from './evaluate-sequence.js';
import { WARNING_NOUNS } from '../../screen/error-vocabulary.js';
import { quote, readAs, sentence } from './explain.js';
import { readErrorText, readPhrase } from './frame-reads.js';
import { normalizeText } from '../../screen/text-match.js';
import { parseExpectation } from './parse-expectation.js';
import type { ExpectationClause, ParsedExpectation } from './parsed-expectation.js';
import type { EvidenceMoment, ScreenMoment } from './screen-moments.js';

/** Judges one plain-English expectation against the text read at every moment of the input. */

/** "Oops", "wrong", "error": an error message is at least this long. */
const SHORTEST_ERROR_WORDING = 4;

/** A result whose evidence is a moment of the input; the frame that shows it is found afterwards. */
export interface JudgedResult extends Omit<ExpectationResult, 'evidence'> {
  evidence: EvidenceMoment | null;
}

function targetFor(clause: ExpectationClause, moments: ScreenMoment[]): ClauseTarget {
  if (clause.target === 'error-text') {
    const includeWarnings = clause.text.toLowerCase().split(/\s+/).some((w) => WARNING_NOUNS.has(w));
    const label = includeWarnings ? 'error- or warning-like text' : 'error-like text';
    return {
      label,
      describe: (match) => `${label} ${quote(match.text)}`,
      reads: readErrorText(moments, includeWarnings),
      // With every moment read and the wording broad, an error message not read is not there: "an error
      // appears" fails rather than shrugs, while unread moments and illegible places still leave it uncertain.
      strict: true,
      weight: HEURISTIC_WEIGHT.errorText,
      chars: SHORTEST_ERROR_WORDING,
    };
  }
  return {
    label: quote(clause.text),
    describe: (match) => quote(clause.text) + readAs(match, clause.text),
    reads: readPhrase(moments, clause.text),
    strict: clause.quoted,
    weight: clause.quoted ? HEURISTIC_WEIGHT.quoted : HEURISTIC_WEIGHT.unquoted,
    chars: normalizeText(clause.text).length,
  };
}

function inSequence(parsed: ParsedExpectation, clause: ExpectationClause): boolean {
  return parsed.ordered && clause.target === 'phrase' && !clause.negated;
}

/** One outcome per independent clause; an ordered expectation's sequence counts as one, where it starts. */
function clauseOutcomes(parsed: ParsedExpectation, moments: ScreenMoment[]): ClauseOutcome[] {
  const steps = parsed.clauses
    .filter((clause) => inSequence(parsed, clause))
    .map((clause) => ({ clause, target: targetFor(clause, moments) }));
  const outcomes: ClauseOutcome[] = [];
  let sequenceJudged = false;
  for (const clause of parsed.clauses) {
    if (!inSequence(parsed, clause)) outcomes.push(evaluateClause(clause, targetFor(clause, moments)));
    else if (!sequenceJudged) {
      outcomes.push(evaluateSequence(steps));
      sequenceJudged = true;
    }
  }
  return outcomes;
}

function result(expectation: string, outcome: Omit<JudgedResult, 'expectation'>): JudgedResult {
  return { expectation, ...outcome };
}

/** Any failure fails the expectation (one sure failure is enough); else any doubt leaves it uncertain. */
function combine(expectation: string, outcomes: ClauseOutcome[]): JudgedResult {
  const failed = outcomes.filter((o) => o.status === 'fail');
  const uncertain = outcomes.filter((o) => o.status === 'uncertain');
  const [status, deciding] =
    failed.length > 0
      ? (['fail', failed] as const)
      : uncertain.length > 0
        ? (['uncertain', uncertain] as const)
        : (['pass', outcomes] as const);
  const confidences = deciding.map((o) => o.confidence);
  return result(expectation, {
    status,
    confidence: status === 'fail' ? Math.max(...confidences) : Math.min(...confidences),
    evidence: deciding.find((o) => o.evidence)?.evidence ?? null,
    explanation: sentence(deciding.map((o) => o.explanation)),
  });
}

export function evaluateExpectation(expectation: string, moments: ScreenMoment[]): JudgedResult {
  const parsed = parseExpectation(expectation);
  if (moments.length === 0) {
    return result(expectation, {
      status: 'uncertain',
      confidence: UNCERTAIN_CONFIDENCE.noText,
      evidence: null,
      explanation: 'There were no frames to check.',
    });
  }
  if (parsed.kind === 'unrecognised') {
    return result(expectation, {
      status: 'uncertain',
      confidence: UNCERTAIN_CONFIDENCE.unrecognised,
      evidence: null,
      explanation: "Found no text to look for; quote what the screen should show, e.g. shows 'Welcome'.",
    });
  }
  const outcomes = clauseOutcomes(parsed, moments);
  if (parsed.kind === 'visual') {
    // The text is reported for context only: a guess about colour or layout is worse than no answer.
    return result(expectation, {
      status: 'uncertain',
      confidence: UNCERTAIN_CONFIDENCE.visual,
      evidence: outcomes.find((o) => o.status === 'pass' && o.evidence)?.evidence ?? null,
      explanation: sentence([
        `OCR text cannot judge ${parsed.visualOnly.map(quote).join(', ')}`,
        ...outcomes.map((o) => o.explanation),
      ]),
    });
  }
  const judged = combine(expectation, outcomes);
  if (judged.status !== 'pass' || parsed.unjudged.length === 0) return judged;
  return result(expectation, {
    status: 'uncertain',
    confidence: UNCERTAIN_CONFIDENCE.unjudged,
    evidence: judged.evidence,
    explanation: sentence([
      ...outcomes.map((o) => o.explanation),
      `but OCR text cannot judge ${parsed.unjudged.map(quote).join(', ')}; quote the text that shows it`,
    ]),
  });
}
