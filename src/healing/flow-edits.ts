import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../base/atomic-write.js';
import type { HealingEvent } from './healing-types.js';

/** A selector as it stands in a flow file: quoted either way, or bare. */
function occurrences(text: string, selector: string): string[] {
  return [`"${selector}"`, `'${selector}'`, selector].filter((form) => text.includes(form));
}

/**
 * The healed selectors, written into the flow file (auto_commit): each old selector is replaced
 * where it stands, so comments and layout survive; the original is kept as `<file>.bak`. Only
 * locators change, never an expectation.
 */
export async function rewriteFlowSelectors(file: string, events: HealingEvent[]): Promise<number> {
  const original = await readFile(file, 'utf8');
  let text = original;
  let changed = 0;
  for (const event of events) {
    if (!event.old_selector || !event.new_selector) continue;
    const [form] = occurrences(text, event.old_selector);
    if (!form) continue;
    const quote = form.startsWith('"') ? '"' : form.startsWith("'") ? "'" : '';
    text = text.replace(form, `${quote}${event.new_selector.replace(/"/g, quote === '"' ? '\\"' : '"')}${quote}`);
    changed++;
  }
  if (changed > 0) {
    await writeFileAtomic(`${file}.bak`, original);
    await writeFileAtomic(file, text);
  }
  return changed;
}

/** A patch a person can read and apply, for proposed healings: one hunk per locator. */
export function healingPatch(file: string, events: HealingEvent[]): string {
  const hunks = events
    .filter((e) => e.old_selector && e.new_selector)
    .map(
      (e) =>
        `@@ step ${e.step}: ${e.description} (confidence ${e.confidence.toFixed(2)}, ${e.decision}) @@\n-    selector: "${e.old_selector}"\n+    selector: "${e.new_selector}"`,
    );
  return hunks.length ? [`--- ${file}`, `+++ ${file}`, ...hunks, ''].join('\n') : '';
}
