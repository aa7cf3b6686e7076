/**
 * "the Sign In button" → "Sign In". A quoted part wins. Otherwise only the edges are trimmed: an
 * action and article in front, the kind of element behind, and "labelled …" forms; words inside the
 * name stay, since "in" in "Sign In" is part of what the element reads.
 */
const KINDS = 'button|link|field|input|text ?box|textbox|tab|menu item|menu|item|label|heading|title|banner|icon|checkbox|option|box|text|message';
const LEADING = /^(?:(?:click|press|tap|select|choose|open|find)\s+(?:on\s+)?)?(?:the|a|an)?\s*/i;
const TRAILING = new RegExp(`\\s+(?:${KINDS})$`, 'i');
const LABELLED = new RegExp(`^(?:${KINDS})\\s+(?:labell?ed|called|named|that says|saying|reading|with (?:the )?text)\\s+(.+)$`, 'i');
const QUOTED = /["“”]([^"“”]+)["“”]|(?<![\p{L}\p{N}])['‘]([^'’]+)['’](?![\p{L}\p{N}])/u;

export interface TargetPhrase {
  phrase: string;
  wantsButton: boolean;
}

export function targetPhrase(description: string): TargetPhrase {
  const wantsButton = /\b(button|link|tab)\b/i.test(description);
  const quoted = QUOTED.exec(description);
  if (quoted) return { phrase: (quoted[1] ?? quoted[2] ?? '').trim(), wantsButton };
  let phrase = description.trim().replace(LEADING, '');
  const labelled = LABELLED.exec(phrase);
  if (labelled) phrase = labelled[1]!;
  let previous;
  do {
    previous = phrase;
    phrase = phrase.replace(TRAILING, '');
  } while (phrase !== previous);
  return { phrase: phrase.trim(), wantsButton };
}
