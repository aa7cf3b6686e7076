/**
 * Properties that OCR text cannot settle: colour, position, icons and images, typography, state drawn
 * rather than written, and how many or how long. An expectation naming one is judged `uncertain`
 * rather than guessed from the words around it.
 */

const VISUAL_WORDS = new Set([
  // colour
  'red', 'green', 'blue', 'yellow', 'orange', 'purple', 'pink', 'black', 'white', 'grey', 'gray',
  'brown', 'cyan', 'magenta', 'teal', 'navy', 'violet', 'turquoise', 'gold', 'silver', 'beige',
  'maroon', 'colour', 'color', 'colours', 'colors', 'coloured', 'colored', 'colourful', 'colorful',
  // state drawn rather than written
  'highlighted', 'highlight', 'greyed', 'grayed', 'faded', 'dimmed', 'disabled', 'enabled',
  'focused', 'hovered', 'selected', 'checked', 'unchecked', 'ticked', 'checkbox', 'checkboxes',
  'struck', 'strikethrough', 'strike-through', 'crossed', 'line-through', 'outlined', 'shaded',
  'expanded', 'collapsed',
  // typography and size
  'bold', 'italic', 'italics', 'underlined', 'underline', 'font', 'fonts', 'typeface', 'size',
  'sized', 'large', 'larger', 'largest', 'small', 'smaller', 'smallest', 'big', 'bigger', 'tiny', 'huge',
  // layout
  'above', 'below', 'beneath', 'underneath', 'beside', 'centred', 'centered', 'centre', 'center',
  'aligned', 'alignment', 'align', 'corner', 'layout', 'position', 'positioned', 'overlap',
  'overlaps', 'overlapping', 'margin', 'padding', 'indented', 'top-left', 'top-right', 'bottom-left',
  'bottom-right', 'left-aligned', 'right-aligned', 'center-aligned', 'centre-aligned',
  // pictures and motion
  'icon', 'icons', 'image', 'images', 'picture', 'pictures', 'photo', 'photos', 'logo', 'logos',
  'avatar', 'avatars', 'spinner', 'spinners', 'animation', 'animations', 'animated', 'animates',
  'checkmark', 'checkmarks', 'tick', 'emoji', 'illustration', 'thumbnail', 'chart', 'graph',
  'shadow', 'border', 'background', 'opacity', 'transparent', 'blurred', 'blur', 'flashes',
  'blinks', 'blinking', 'flickers', 'spinning', 'glow',
  // how many and how long: a count of elements or a duration is not a piece of text
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twice', 'thrice',
  'third', 'fourth', 'fifth', 'simultaneously', 'stays', 'lasts', 'seconds', 'milliseconds', 'minutes',
]);

// Side words are visual only in a position phrase: "on the right", "top corner", not "the right password".
const SIDE_WORDS = new Set(['left', 'right', 'top', 'bottom', 'middle']);
const SIDE_PREPOSITIONS = new Set(['on', 'to', 'at', 'in', 'from']);
const SIDE_NOUNS = new Set(['side', 'corner', 'edge', 'half', 'aligned', 'of', 'left', 'right']);

const VISUAL_PHRASES = [
  'greyed out', 'grayed out', 'next to', 'on top of', 'progress bar', 'check mark', 'dark mode', 'light mode',
  'dark theme', 'light theme', 'struck through', 'crossed out', 'at the same time', 'for a second',
  'for at least', 'for more than', 'for less than', 'stays up', 'stays open', 'stays visible',
].map((phrase) => phrase.split(' '));

function startsWithAt(words: string[], at: number, phrase: string[]): boolean {
  return phrase.every((word, k) => words[at + k] === word);
}

/** The visual terms among lower-cased words, in order of appearance, each once. */
export function findVisualTerms(words: string[]): string[] {
  const found: string[] = [];
  const add = (term: string) => {
    if (!found.includes(term)) found.push(term);
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const phrase = VISUAL_PHRASES.find((p) => startsWithAt(words, i, p));
    if (phrase) add(phrase.join(' '));
    else if (VISUAL_WORDS.has(word)) add(word);
    else if (SIDE_WORDS.has(word)) {
      const before = words[i - 1];
      const inPositionPhrase =
        (before === 'the' && SIDE_PREPOSITIONS.has(words[i - 2] ?? '')) || SIDE_NOUNS.has(words[i + 1] ?? '');
      if (inPositionPhrase) add(word);
    }
  }
  return found;
}
