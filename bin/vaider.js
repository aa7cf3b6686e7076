#!/usr/bin/env node
// In a clone the TypeScript source is the truth: the compiled dist/ runs only when it was built after
// the last change to src/ (see fresh-build.js), otherwise the source runs through tsx, so `npx vaider`
// never runs a stale build. A published package has no src/ and runs dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freshBuild } from './fresh-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (existsSync(source) && !freshBuild(root)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source);
} else {
  await import('../dist/cli/main.js');
}
