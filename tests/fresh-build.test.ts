import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBuild } from '../bin/fresh-build.js';
import { scratchDir } from './helpers/media-fixtures.js';

let root: string;
let cleanup: () => Promise<void>;
const at = (file: string) => path.join(root, file);
const setTime = (file: string, seconds: number) => utimes(at(file), seconds, seconds);

beforeAll(async () => {
  ({ dir: root, cleanup } = await scratchDir('vaider-fresh-build-'));
  await mkdir(at('src/cli'), { recursive: true });
  await mkdir(at('dist/cli'), { recursive: true });
});
afterAll(() => cleanup());

describe('which CLI a clone runs', () => {
  it('runs dist/ only when it was built after every change to src/ and the tsconfig', async () => {
    const fresh = () => freshBuild(root) as boolean;
    expect(fresh()).toBe(false);
    await writeFile(at('src/cli/main.ts'), 'export {};\n');
    await writeFile(at('tsconfig.json'), '{}\n');
    await writeFile(at('dist/cli/main.js'), 'export {};\n');
    for (const file of ['src/cli/main.ts', 'src/cli', 'src', 'tsconfig.json']) await setTime(file, 1_000);
    await setTime('dist/cli/main.js', 2_000);
    expect(fresh()).toBe(true);
    // An edit after the build, or a new file, makes it stale: the source runs until the next build.
    await setTime('src/cli/main.ts', 3_000);
    expect(fresh()).toBe(false);
    await setTime('src/cli/main.ts', 1_000);
    await writeFile(at('src/cli/new.ts'), 'export {};\n');
    expect(fresh()).toBe(false);
  });
});
