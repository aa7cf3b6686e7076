import type { ConsoleEntry, NetworkEntry } from './browser-driver.js';
import { consoleLevel } from './console-level.js';

/** What chromedriver's log endpoint returns per entry (selenium's logging.Entry, reduced). */
export interface RawLogEntry {
  level: { name: string };
  message: string;
  timestamp: number;
}

/** `console-api 12:8 "text"` or `file:///page.html 30:12 "text"`: the source and position come first. */
const SOURCE_PREFIX = /^\S+ \d+:\d+ /;

/**
 * Chromedriver's browser log prefixes each console message with its source and quotes string
 * arguments; the text is unquoted when it is a single string and otherwise kept as logged
 * (several arguments stay space-separated, objects as Chrome summarised them).
 */
export function consoleEntryFromBrowserLog(raw: RawLogEntry): ConsoleEntry {
  const text = raw.message.replace(SOURCE_PREFIX, '');
  let unquoted = text;
  if (text.startsWith('"') && text.endsWith('"')) {
    try {
      unquoted = String(JSON.parse(text));
    } catch {
      // Several quoted arguments ("a" "b") are not one JSON string; keep them as they are.
    }
  }
  return { level: consoleLevel(raw.level.name), text: unquoted, time: raw.timestamp };
}

interface DevtoolsEvent {
  method: string;
  params: {
    requestId?: string;
    request?: { method: string; url: string };
    response?: { status: number };
    errorText?: string;
    canceled?: boolean;
  };
}

/**
 * Builds request entries from chromedriver's performance log, which carries the DevTools Network
 * events. Entries are kept per requestId so a response or failure arriving in a later batch still
 * completes its request; redirects reuse the id, so the entry ends with the final URL.
 */
export class NetworkLogAssembler {
  private readonly byRequestId = new Map<string, NetworkEntry>();
  private readonly entries: NetworkEntry[] = [];

  add(raw: RawLogEntry): void {
    let event: DevtoolsEvent;
    try {
      event = (JSON.parse(raw.message) as { message: DevtoolsEvent }).message;
    } catch {
      return;
    }
    const id = event.params.requestId;
    if (!id) return;
    if (event.method === 'Network.requestWillBeSent' && event.params.request) {
      const existing = this.byRequestId.get(id);
      if (existing) {
        existing.url = event.params.request.url;
        return;
      }
      const entry: NetworkEntry = { method: event.params.request.method, url: event.params.request.url, status: null, failure: null, time: raw.timestamp };
      this.byRequestId.set(id, entry);
      this.entries.push(entry);
    } else if (event.method === 'Network.responseReceived' && event.params.response) {
      const entry = this.byRequestId.get(id);
      if (entry) entry.status = event.params.response.status;
    } else if (event.method === 'Network.loadingFailed') {
      const entry = this.byRequestId.get(id);
      if (entry) entry.failure = event.params.canceled ? 'canceled' : (event.params.errorText ?? 'failed');
    }
  }

  list(): NetworkEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }
}
