import { defineConfig } from 'vitest/config';

/** `npm run test:live`: the real model services, when keys are set. Not part of npm test or CI. */
export default defineConfig({
  test: {
    include: ['tests/live/**/*.live.ts'],
    testTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
