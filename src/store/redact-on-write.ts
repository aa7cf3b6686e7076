import type { Adapter } from 'lowdb';
import { redactSecrets } from '../base/redact-secrets.js';

/**
 * A store file never holds a secret: what is written is redacted, what is read is the file as it is.
 * The records in memory stay as they were made. Only the front ends read them out of the process, and
 * each redacts at its boundary (output.ts, the REST helper, the MCP adapter and resources), while the
 * application needs them whole: a job's path must still open the file it names.
 */
export function redactOnWrite<T>(adapter: Adapter<T>): Adapter<T> {
  return {
    read: () => adapter.read(),
    write: (data) => adapter.write(redactSecrets(data)),
  };
}
