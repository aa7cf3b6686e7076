/**
 * Whether what OCR read is the phrase with OCR slips only, or another text.
 *
 * An edit-distance score cannot tell the two apart: "PASS src/sum.test.js" is 85% like
 * "RUNS src/sum.test.js", and "Archive" is 88% like "Archived". A person reading either pair sees a
 * different word. OCR's own slips are few and known: look-alike letters and digits (l/1, O/0, rn/m),
 * spaces dropped or added, punctuation lost inside a word. So two texts agree only when every edit
 * between them is such a slip, and there are few of them.
 */

/** Characters OCR takes for one another, both ways. Digit for digit is never a slip: 3 for 8 is another number. */
const LOOKALIKES = new Set(
  ['o0', 'l1', 'i1', 'il', 'i!', 'l!', 's5', 'z2', 'b8', 'b6', 'g6', 'g9', 'q9', 'ec', 'co', 'uv', 'vy', 'tf', 'ij', 'oq', 'a@', "'`", '"\''].flatMap(
    (pair) => [pair, pair[1]! + pair[0]!],
  ),
);
/** One letter read as two, or two as one. */
const SPLITS: Array<[string, string]> = [
  ['m', 'rn'],
  ['m', 'in'],
  ['d', 'cl'],
  ['h', 'li'],
  ['n', 'ri'],
  ['w', 'vv'],
  ['u', 'ii'],
  ['k', 'lc'],
];
/** Marks OCR drops or adds inside a word: "e-mail" / "email", "ui@jquery.com" / "ui@jquery,com". */
const LOOSE_MARKS = new Set(['.', ',', "'", '-', ':', ';', ' ']);

interface Cost {
  /** Edits that change what the text says. */
  hard: number;
  /** OCR slips. */
  soft: number;
}

const better = (a: Cost, b: Cost): boolean => a.hard < b.hard || (a.hard === b.hard && a.soft < b.soft);

/** Fewest real edits, then fewest slips, to turn `read` into `phrase`; both normalised. */
function slipCost(read: string, phrase: string): Cost {
  const rows = read.length + 1;
  const columns = phrase.length + 1;
  const cost: Cost[] = Array.from({ length: rows * columns }, () => ({ hard: Infinity, soft: Infinity }));
  const at = (i: number, j: number) => cost[i * columns + j]!;
  at(0, 0).hard = 0;
  at(0, 0).soft = 0;
  const relax = (i: number, j: number, from: Cost, hard: number, soft: number) => {
    const next = { hard: from.hard + hard, soft: from.soft + soft };
    if (better(next, at(i, j))) cost[i * columns + j] = next;
  };
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const here = at(i, j);
      if (here.hard === Infinity) continue;
      const r = read[i];
      const p = phrase[j];
      if (r !== undefined && p !== undefined) {
        if (r === p) relax(i + 1, j + 1, here, 0, 0);
        else if (LOOKALIKES.has(r + p)) relax(i + 1, j + 1, here, 0, 1);
        else relax(i + 1, j + 1, here, 1, 0);
      }
      if (r !== undefined) relax(i + 1, j, here, LOOSE_MARKS.has(r) ? 0 : 1, LOOSE_MARKS.has(r) ? 1 : 0);
      if (p !== undefined) relax(i, j + 1, here, LOOSE_MARKS.has(p) ? 0 : 1, LOOSE_MARKS.has(p) ? 1 : 0);
      for (const [one, two] of SPLITS) {
        if (p === one && read.startsWith(two, i)) relax(i + 2, j + 1, here, 0, 1);
        if (r === one && phrase.startsWith(two, j)) relax(i + 1, j + 2, here, 0, 1);
      }
    }
  }
  return at(rows - 1, columns - 1);
}

/** Slips allowed: a couple, and one more for every five characters of a long phrase. */
function allowedSlips(phrase: string): number {
  return Math.max(2, Math.round(phrase.length / 5));
}

/** True when `read` says `phrase`, give or take OCR slips. Both are normalised text (see normalizeText). */
export function saysTheSame(read: string, phrase: string): boolean {
  if (read === phrase) return true;
  const { hard, soft } = slipCost(read, phrase);
  return hard === 0 && soft <= allowedSlips(phrase);
}
