import { appendFile, readFile } from 'node:fs/promises';

/**
 * server.log is JSON lines, appended and never rewritten: each event costs one write whatever the
 * log's length, and a crash leaves at most a torn last line.
 */
export function appendLogLine(file: string, entry: Record<string, unknown>): Promise<void> {
  return appendFile(file, `${JSON.stringify(entry)}\n`);
}

/** The log's entries; a torn line (a crash mid-write) is skipped, not an error. */
export async function readLogLines(file: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const entries: Array<Record<string, unknown>> = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A torn line.
    }
  }
  return entries;
}
