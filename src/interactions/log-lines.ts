import { appendFile } from 'node:fs/promises';

/**
 * server.log is JSON lines, appended and never rewritten: each event costs one write whatever the
 * log's length, and a crash leaves at most a torn last line, which a reader of JSON lines skips.
 */
export function appendLogLine(file: string, entry: Record<string, unknown>): Promise<void> {
  return appendFile(file, `${JSON.stringify(entry)}\n`);
}
