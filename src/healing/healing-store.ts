import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VaiderError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { HealingDecision, HealingEvent } from './healing-types.js';

export interface HealingFilter {
  flow?: string;
  decision?: HealingDecision;
  review?: HealingEvent['review'];
}

export interface HealingStore {
  readonly file: string;
  add(event: HealingEvent): Promise<void>;
  list(filter?: HealingFilter): Promise<HealingEvent[]>;
  /** Records a person's verdict; throws BAD_ARGUMENT for an unknown id. */
  review(id: string, verdict: 'approved' | 'rejected'): Promise<HealingEvent>;
}

/**
 * Healing events of a project in `<dir>/healing.json`, one array, oldest first. Each change rewrites
 * the file atomically; changes within one store are queued so two adds never lose each other.
 */
export function openHealingStore(dir: string): HealingStore {
  const file = path.join(dir, 'healing.json');
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<HealingEvent[]> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as HealingEvent[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async function save(events: HealingEvent[]): Promise<void> {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(events, null, 2)}\n`);
  }

  function serialised<T>(change: () => Promise<T>): Promise<T> {
    const next = queue.then(change, change);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    file,

    add: (event) =>
      serialised(async () => {
        await save([...(await load()), event]);
      }),

    async list(filter = {}) {
      await queue;
      return (await load()).filter(
        (e) =>
          (filter.flow === undefined || e.flow === filter.flow) &&
          (filter.decision === undefined || e.decision === filter.decision) &&
          (filter.review === undefined || e.review === filter.review),
      );
    },

    review: (id, verdict) =>
      serialised(async () => {
        const events = await load();
        const event = events.find((e) => e.id === id);
        if (!event) throw new VaiderError('BAD_ARGUMENT', `No healing event with id ${id}.`, { id });
        event.review = verdict;
        await save(events);
        return event;
      }),
  };
}
