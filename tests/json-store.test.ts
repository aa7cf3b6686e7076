import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJsonStore } from '../src/store/json-store.js';
import { scratchDir } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
});
afterAll(() => cleanup());

describe('the JSON store every record of Vaider uses', () => {
  it('starts from empty, keeps what is written, and opens once per process', async () => {
    const file = path.join(dir, 'new', 'records.json');
    const store = await openJsonStore<{ items: string[] }>(file, () => ({ items: [] }));
    store.data.items.push('a', 'b');
    await store.write();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ items: ['a', 'b'] });
    expect(await openJsonStore(file, () => ({ items: [] }))).toBe(store);
  });

  it('mends a crash once, when first read', async () => {
    const file = path.join(dir, 'jobs.json');
    await writeFile(file, JSON.stringify({ jobs: [{ state: 'running' }] }));
    let mended = 0;
    const repair = (data: { jobs: Array<{ state: string }> }) => {
      mended++;
      for (const job of data.jobs) job.state = 'pending';
      return true;
    };
    const empty = () => ({ jobs: [] as Array<{ state: string }> });
    const store = await openJsonStore(file, empty, repair);
    await openJsonStore(file, empty, repair);
    expect(mended).toBe(1);
    expect(store.data.jobs[0]!.state).toBe('pending');
    expect(JSON.parse(await readFile(file, 'utf8')).jobs[0].state).toBe('pending');
  });

  it('refuses a damaged file by name instead of starting over, and leaves it as it was', async () => {
    for (const [name, content] of [
      ['truncated.json', '{"runs": [{"id": "r1"'],
      ['null.json', 'null'],
    ] as const) {
      const file = path.join(dir, name);
      await writeFile(file, content);
      await expect(openJsonStore(file, () => ({ runs: [] }))).rejects.toMatchObject({
        code: 'STORE_CORRUPT',
        message: expect.stringContaining(`${file} is not a readable store`),
      });
      expect(await readFile(file, 'utf8')).toBe(content);
    }
  });
});
