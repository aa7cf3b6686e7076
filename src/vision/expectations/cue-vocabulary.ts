import { ERROR_NOUNS } from '../../screen/error-vocabulary.js';
import type { TimeScope } from './parsed-expectation.js';

/** Words that steer how an expectation is read: negation, time, order, claims and actions. */

export const NEGATION_WORDS = new Set([
  'no', 'not', 'never', 'without', 'none', 'nothing', 'nowhere', 'nor', 'neither',
  'cannot', "can't", 'cant', "don't", 'dont', "doesn't", 'doesnt', "didn't", "isn't", 'isnt',
  "aren't", 'arent', "wasn't", "weren't", "won't", 'wont', "wouldn't", "shouldn't", 'shouldnt',
  "mustn't", "hasn't", "haven't", "hadn't",
  'absent', 'hidden', 'gone', 'disappear', 'disappears', 'disappeared', 'disappearing',
  'vanish', 'vanishes', 'vanished',
]);

/** Words saying that something is (or is not) on screen, for "'Error' is not shown". */
export const VISIBILITY_WORDS = new Set([
  'shown', 'show', 'shows', 'displayed', 'display', 'displays', 'visible', 'appear', 'appears',
  'appeared', 'present', 'rendered', 'seen', 'there', 'gone', 'absent', 'hidden',
  'disappear', 'disappears', 'disappeared', 'vanish', 'vanishes', 'vanished',
]);

export interface TimeCue {
  words: string[];
  when: TimeScope;
}

// "first" alone is an order word ("first 'Loading' then 'Done'"), so only phrases naming the start count.
export const TIME_CUES: TimeCue[] = [
  ...[
    'at first', 'initially', 'at the start', 'at the beginning', 'in the beginning', 'at start',
    'at the outset', 'to begin with', 'on load', 'first frame', 'first screen', 'first screenshot',
    'initial screen', 'initial frame', 'starts with', 'starts on',
  ].map((cue) => ({ words: cue.split(' '), when: 'first' as const })),
  ...[
    'at the end', 'in the end', 'by the end', 'finally', 'at last', 'last frame', 'final frame',
    'last screen', 'final screen', 'final state', 'ends with', 'ends on', 'no longer', 'anymore',
    'any more', 'gone', 'disappear', 'disappears', 'disappeared', 'vanish', 'vanishes', 'vanished',
  ].map((cue) => ({ words: cue.split(' '), when: 'last' as const })),
  ...[
    'throughout', 'always', 'the whole time', 'all the time', 'at all times', 'every frame',
    'all frames', 'each frame', 'every screen', 'whole video', 'entire video', 'constantly', 'continuously',
  ].map((cue) => ({ words: cue.split(' '), when: 'always' as const })),
];

/** Words that end one claim and start the next. */
export const SEPARATOR_WORDS = new Set([
  'and', 'but', 'while', 'whereas', 'then', 'afterwards', 'afterward', 'after', 'before', 'until',
  'till', 'followed', 'later', 'subsequently',
  // A condition ends the claim: "the score shows 21716 when the game is lost" claims "21716".
  'when', 'whenever', 'once', 'if', 'unless', 'because', 'since',
]);
export const SEPARATOR_MARKS = new Set([',', ';', '.', '!', '?', '->', '=>', '→']);

/**
 * Separators across which a bare quote keeps the previous claim's negation and time:
 * "does not show 'A', 'B' and 'C'". "but" contrasts, and order words start a new moment.
 */
export const INHERITING_SEPARATORS = new Set(['and', ',', '&']);

/** Words that add nothing between two quotes of one claim: "neither 'A' nor 'B'", "'A' as well as 'B'". */
export const CONNECTIVE_WORDS = new Set([
  'or', 'nor', 'either', 'neither', 'also', 'both', 'as', 'well', 'plus', 'the', 'a', 'an', 'by',
]);

export const ORDER_WORDS = new Set([
  'then', 'afterwards', 'afterward', 'after', 'before', 'until', 'till', 'followed', 'later',
  'subsequently', 'becomes', 'become', 'changes', 'change', 'turns', 'switches', 'replaced', 'transitions',
]);
export const ORDER_MARKS = new Set(['->', '=>', '→']);
/** Order words after which comes the later moment itself, not the event that leads to it. */
export const CONSEQUENT_WORDS = new Set(['then', 'afterwards', 'afterward', 'later', 'subsequently', 'followed']);

/** Quotes right after these name what the user acts on ("after clicking 'Sign in'"), not what the screen shows. */
export const ACTION_VERBS = new Set([
  'click', 'clicks', 'clicking', 'clicked', 'tap', 'taps', 'tapping', 'tapped', 'press', 'presses',
  'pressing', 'pressed', 'type', 'types', 'typing', 'typed', 'enter', 'enters', 'entering', 'entered',
  'select', 'selects', 'selecting', 'choose', 'chooses', 'choosing', 'chose', 'hover', 'hovers',
  'hovering', 'hovered', 'fill', 'fills', 'filling', 'filled', 'submit', 'submits', 'submitting',
  'search', 'searches', 'searching', 'toggle', 'toggles', 'toggling',
]);
/** What may stand between an action verb and its quote: "clicks on the 'OK' button". */
export const ACTION_FILLERS = new Set([
  'on', 'the', 'a', 'an', 'in', 'into', 'onto', 'at', 'to', 'button', 'link', 'tab', 'menu', 'item', 'option', 'field', 'box',
]);

/** Verbs followed by what the screen shows: "the heading says Welcome Alice". */
export const CLAIM_VERBS = new Set([
  'show', 'shows', 'showing', 'display', 'displays', 'displaying', 'say', 'says', 'saying', 'read',
  'reads', 'reading', 'contain', 'contains', 'containing', 'include', 'includes', 'see', 'sees',
  'seeing', 'list', 'lists', 'listing', 'print', 'prints', 'render', 'renders', 'present', 'presents',
  'labelled', 'labeled', 'titled', 'called', 'named',
]);
/** Verbs preceded by what the screen shows: "Welcome Alice appears", "the dashboard is displayed". */
export const TRAILING_CLAIM_VERBS = new Set([
  'appear', 'appears', 'appeared', 'appearing', 'shown', 'displayed', 'visible', 'present', 'rendered',
  'disappear', 'disappears', 'disappeared', 'vanishes', 'gone', 'listed',
]);

/** Words trimmed from either end of an unquoted phrase: they frame the text rather than being it. */
export const PHRASE_FILLERS = new Set([
  'the', 'a', 'an', 'some', 'any', 'that', 'this', 'these', 'those', 'their', 'his', 'her', 'its',
  'my', 'your', 'our', 'is', 'are', 'be', 'was', 'were', 'been', 'should', 'must', 'will',
  'can', 'does', 'do', 'now', 'then', 'also', 'still', 'only', 'again', 'correctly', 'properly',
  'successfully', 'clearly', 'text', 'message', 'messages', 'words', 'word', 'label', 'title',
  'heading', 'page', 'screen', 'button', 'banner', 'dialog', 'popup', 'pop-up', 'modal', 'link',
  'field', 'tab', 'menu', 'notification', 'toast', 'view', 'panel', 'form', 'section', 'window', 'box',
  'number', 'value', 'tile', 'item', 'entry', 'counter', 'caption',
]);
/** Words that may stand between a negation and what it negates: "does not show the message 'X'". */
export const NEGATION_SCOPE = new Set([
  ...CLAIM_VERBS, ...VISIBILITY_WORDS, ...PHRASE_FILLERS, ...CONNECTIVE_WORDS, ...NEGATION_WORDS, ...ERROR_NOUNS,
  ...TIME_CUES.flatMap((cue) => cue.words),
  'longer', 'ever', 'at', 'any', 'point', 'time', 'on', 'in', 'anywhere', 'user', 'able', 'get', 'gets', 'have', 'has',
]);

/** Prepositions dropped with a trailing article: "the dashboard on the screen". */
export const TRAILING_PREPOSITIONS = new Set(['on', 'in', 'at', 'of', 'from', 'within', 'inside']);
export const ARTICLES = new Set(['the', 'a', 'an', 'this', 'that']);
