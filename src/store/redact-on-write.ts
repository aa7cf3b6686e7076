import type { Adapter } from 'lowdb';
import { redactSecrets } from '../base/redact-secrets.js';

/**
 * A store file never holds a secret: what is written is redacted, what is read is the file as it is.
 * The records in memory stay as they were made. Only the front ends read them out of the process, and
 * each redacts at its boundary (output.ts, the REST helper, the MCP adapter and resources), while the
 * application needs them whole: a job's path must still open the file it names.
 *
 * Each record of a list (a run, a job) is redacted as a document of its own, and a record unchanged
 * since the last write is not redacted again: lowdb rewrites the whole file for every change, and
 * redacting 500 runs on each of them made a flood of files slower with every run recorded.
 */
export function redactOnWrite<T>(adapter: Adapter<T>): Adapter<T> {
  let lastWrite = new Map<string, unknown>();
  const redactRecord = (record: unknown, thisWrite: Map<string, unknown>) => {
    const key = JSON.stringify(record);
    const redacted = lastWrite.get(key) ?? thisWrite.get(key) ?? redactSecrets(record);
    thisWrite.set(key, redacted);
    return redacted;
  };
  return {
    read: () => adapter.read(),
    write: (data) => {
      if (data === null || typeof data !== 'object' || Array.isArray(data)) return adapter.write(redactSecrets(data));
      const thisWrite = new Map<string, unknown>();
      const redacted = Object.fromEntries(
        Object.entries(data).map(([field, value]) => [field, Array.isArray(value) ? value.map((record) => redactRecord(record, thisWrite)) : redactSecrets(value)]),
      ) as T;
      lastWrite = thisWrite;
      return adapter.write(redacted);
    },
  };
}
