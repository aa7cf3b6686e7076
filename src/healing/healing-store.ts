import path from 'node:path';
import { VaiderError } from '../base/errors.js';
import { openJsonStore } from '../store/json-store.js';
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

/** Healing events of a project in `<dir>/healing.json`, one array, oldest first. */
export async function openHealingStore(dir: string): Promise<HealingStore> {
  const file = path.join(dir, 'healing.json');
  const db = await openJsonStore<HealingEvent[]>(file, () => []);
  return {
    file,

    async add(event) {
      db.data.push(event);
      await db.write();
    },

    async list(filter = {}) {
      return db.data.filter(
        (e) =>
          (filter.flow === undefined || e.flow === filter.flow) &&
          (filter.decision === undefined || e.decision === filter.decision) &&
          (filter.review === undefined || e.review === filter.review),
      );
    },

    async review(id, verdict) {
      const event = db.data.find((e) => e.id === id);
      if (!event) throw new VaiderError('BAD_ARGUMENT', `No healing event with id ${id}.`, { id });
      event.review = verdict;
      await db.write();
      return event;
    },
  };
}
