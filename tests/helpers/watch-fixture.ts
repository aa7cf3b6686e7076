import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openVaider, type Vaider } from '../../src/app/vaider.js';
import type { WatchEvent } from '../../src/app/watch/watch-events.js';
import { loadConfig, type ResolvedConfig } from '../../src/config/load-config.js';
import type { VaiderRulesInput } from '../../src/config/schema.js';
import { scratchDir } from './media-fixtures.js';

export interface WatchFixture {
  dir: string;
  config: ResolvedConfig;
  vaider: Vaider;
  events: WatchEvent[];
  /** Resolves with the first event that satisfies `test` (already seen or yet to come). */
  waitFor(test: (event: WatchEvent) => boolean, timeoutMs?: number): Promise<WatchEvent>;
  close(): Promise<void>;
}

/** A project folder with its own VaiderRules.json and an vaider with the watch service on. */
export async function watchFixture(rules: VaiderRulesInput = {}, existingDir?: string): Promise<WatchFixture> {
  const scratch = existingDir ? { dir: existingDir, cleanup: async () => undefined } : await scratchDir('vaider-watch-');
  const { dir } = scratch;
  await writeFile(path.join(dir, 'VaiderRules.json'), JSON.stringify(rules));
  const config = loadConfig({ cwd: dir, env: {} });
  const vaider = await openVaider(config, { watch: true });
  const events: WatchEvent[] = [];
  const waiters = new Set<{ test: (e: WatchEvent) => boolean; resolve: (e: WatchEvent) => void }>();
  vaider.watch!.onEvent((event) => {
    events.push(event);
    for (const waiter of waiters) {
      if (waiter.test(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  return {
    dir,
    config,
    vaider,
    events,
    waitFor(test, timeoutMs = 30_000) {
      const seen = events.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { test, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no such watch event within ${timeoutMs} ms; saw ${JSON.stringify(events.map((e) => e.type))}`));
        }, timeoutMs);
      });
    },
    async close() {
      await vaider.close();
      await scratch.cleanup();
    },
  };
}
