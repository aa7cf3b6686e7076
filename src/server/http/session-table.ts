import { VaiderError } from '../../base/errors.js';

export interface SessionLimits {
  maxSessions: number;
  /** A session with no request in flight and none for this long is closed. */
  idleMs: number;
}

export interface Closable {
  close(): Promise<void>;
}

interface Entry<S> {
  session: S;
  lastActive: number;
  /** Ids of the requests the session is answering; a session is idle when this is empty. */
  inFlight: Set<unknown>;
}

export interface SessionTable<S extends Closable> {
  get(id: string): S | undefined;
  /**
   * Admits a session. At the cap, the least recently active idle session is closed to make room;
   * when every session is busy, throws TOO_MANY_SESSIONS. A new session counts as busy until
   * `ready`, so a burst of new sessions cannot close each other before their first request.
   */
  open(id: string, session: S): void;
  ready(id: string): void;
  begin(id: string, requestId: unknown): void;
  end(id: string, requestId: unknown): void;
  /** Forgets a session that closed; returns whether it was still here. */
  remove(id: string): boolean;
  readonly size: number;
  /** Closes every session and stops the idle sweep. */
  closeAll(): Promise<void>;
}

const OPENING = Symbol('opening');

/**
 * MCP sessions by id, in order of last activity: a Map keeps insertion order, and an entry is moved
 * to the end whenever it is active, so the first idle entry is the one idle longest.
 */
export function createSessionTable<S extends Closable>(limits: SessionLimits): SessionTable<S> {
  const entries = new Map<string, Entry<S>>();

  const touch = (id: string, entry: Entry<S>) => {
    entry.lastActive = performance.now();
    entries.delete(id);
    entries.set(id, entry);
  };
  const evict = (id: string, entry: Entry<S>) => {
    entries.delete(id);
    void entry.session.close().catch(() => undefined);
  };

  const sweep = setInterval(
    () => {
      const now = performance.now();
      for (const [id, entry] of entries) {
        if (now - entry.lastActive < limits.idleMs) break;
        if (entry.inFlight.size === 0) evict(id, entry);
      }
    },
    Math.min(60_000, Math.max(10, limits.idleMs / 4)),
  );
  sweep.unref();

  return {
    get: (id) => entries.get(id)?.session,
    open(id, session) {
      if (entries.size >= limits.maxSessions) {
        const idle = [...entries].find(([, entry]) => entry.inFlight.size === 0);
        if (!idle) {
          throw new VaiderError('TOO_MANY_SESSIONS', `All ${limits.maxSessions} MCP sessions (server.max_sessions) are busy; try again when one finishes.`, {
            max_sessions: limits.maxSessions,
          });
        }
        evict(...idle);
      }
      entries.set(id, { session, lastActive: performance.now(), inFlight: new Set([OPENING]) });
    },
    begin(id, requestId) {
      const entry = entries.get(id);
      if (!entry) return;
      entry.inFlight.add(requestId);
      touch(id, entry);
    },
    end(id, requestId) {
      const entry = entries.get(id);
      if (!entry) return;
      entry.inFlight.delete(requestId);
      touch(id, entry);
    },
    ready(id) {
      entries.get(id)?.inFlight.delete(OPENING);
    },
    remove: (id) => entries.delete(id),
    get size() {
      return entries.size;
    },
    async closeAll() {
      clearInterval(sweep);
      const open = [...entries.values()];
      entries.clear();
      await Promise.all(open.map((entry) => entry.session.close().catch(() => undefined)));
    },
  };
}
