/**
 * "the Sign In button" → "Sign In". A quoted part wins; otherwise the words that name a kind of
 * element or are filler are dropped. What remains is what the element should read.
 */
const FILLER = new Set([
  'the', 'a', 'an', 'on', 'in', 'at', 'of', 'with', 'that', 'which', 'says', 'reads', 'labelled', 'labeled',
  'called', 'named', 'text', 'button', 'link', 'field', 'input', 'tab', 'menu', 'item', 'label', 'heading',
  'title', 'banner', 'icon', 'checkbox', 'option', 'box', 'click', 'press', 'tap',
]);

const QUOTED = /["“”]([^"“”]+)["“”]|(?<![\p{L}\p{N}])['‘]([^'’]+)['’](?![\p{L}\p{N}])/u;

export interface TargetPhrase {
  phrase: string;
  wantsButton: boolean;
}

export function targetPhrase(description: string): TargetPhrase {
  const wantsButton = /\b(button|link|tab)\b/i.test(description);
  const quoted = QUOTED.exec(description);
  if (quoted) return { phrase: (quoted[1] ?? quoted[2] ?? '').trim(), wantsButton };
  const words = description.split(/\s+/).filter((w) => w && !FILLER.has(w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')));
  return { phrase: words.join(' ').trim(), wantsButton };
}
