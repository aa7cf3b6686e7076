#!/usr/bin/env node
// In a clone the TypeScript source is the truth: run it through tsx, so `npx vaider` never runs a
// stale build. A published package has no src/ and runs the compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source);
} else {
  await import('../dist/cli/main.js');
}
