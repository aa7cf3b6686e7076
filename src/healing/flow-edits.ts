import { readFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { writeFileAtomic } from '../base/atomic-write.js';
import type { HealingEvent } from './healing-types.js';

/** A selector as it stands in a flow file: quoted either way, or bare. */
function occurrence(text: string, selector: string): string | undefined {
  return [`"${selector}"`, `'${selector}'`, selector].find((form) => text.includes(form));
}

/**
 * The flow text with each healed selector replaced where it stands, so comments and layout survive.
 * The new selector is written as a JSON string, which is also a valid YAML double-quoted scalar
 * whatever quotes or backslashes the selector holds.
 */
function withSelectorsReplaced(text: string, events: HealingEvent[]): { text: string; changed: number } {
  let changed = 0;
  for (const event of events) {
    if (!event.old_selector || !event.new_selector) continue;
    const form = occurrence(text, event.old_selector);
    if (!form) continue;
    text = text.replace(form, JSON.stringify(event.new_selector));
    changed++;
  }
  return { text, changed };
}

/**
 * The healed selectors, written into the flow file (auto_commit); the original is kept as
 * `<file>.bak`. Only locators change, never an expectation.
 */
export async function rewriteFlowSelectors(file: string, events: HealingEvent[]): Promise<number> {
  const original = await readFile(file, 'utf8');
  const { text, changed } = withSelectorsReplaced(original, events);
  if (changed > 0) {
    await writeFileAtomic(`${file}.bak`, original);
    await writeFileAtomic(file, text);
  }
  return changed;
}

/**
 * The healings as a unified diff of the flow file that `git apply` accepts from the project root
 * (`name` is the file's path relative to it); empty when nothing would change.
 */
export async function healingPatch(file: string, name: string, events: HealingEvent[]): Promise<string> {
  const original = await readFile(file, 'utf8');
  const { text, changed } = withSelectorsReplaced(original, events);
  if (changed === 0) return '';
  const unixName = name.split('\\').join('/');
  return createTwoFilesPatch(`a/${unixName}`, `b/${unixName}`, original, text, undefined, undefined, { context: 3 }).replace(/^=+\n/m, '');
}
