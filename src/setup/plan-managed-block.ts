import type { FilePlan } from './setup-types.js';

/** How a file type marks Vaider's block: a comment that opens it and one that closes it. */
export interface BlockMarkers {
  begin: string;
  end: string;
}

export const MARKDOWN_MARKERS: BlockMarkers = {
  begin: '<!-- vaider:begin (written by vaider init; edit outside this block, it is replaced on the next run) -->',
  end: '<!-- vaider:end -->',
};
export const GITIGNORE_MARKERS: BlockMarkers = { begin: '# vaider:begin (written by vaider init)', end: '# vaider:end' };

/**
 * A file the user owns (CLAUDE.md, .gitignore) in which Vaider keeps one marked block: added at the
 * end the first time, replaced in place later, so running init again never duplicates it and never
 * touches what is around it.
 */
export function planManagedBlock(file: string, existing: string | undefined, body: string, markers: BlockMarkers): FilePlan {
  const block = `${markers.begin}\n${body.trimEnd()}\n${markers.end}\n`;
  if (existing === undefined) return { file, action: 'created', content: block, backup: false };
  const start = existing.indexOf(markers.begin);
  const stop = start < 0 ? -1 : existing.indexOf(markers.end, start);
  let content: string;
  if (start >= 0 && stop >= 0) {
    const after = existing.slice(stop + markers.end.length).replace(/^\r?\n/, '');
    content = existing.slice(0, start) + block + after;
  } else {
    const separator = existing === '' ? '' : existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
    content = existing + separator + block;
  }
  return content === existing ? { file, action: 'unchanged', backup: false } : { file, action: 'updated', content, backup: false };
}
