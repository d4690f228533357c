// The test set StrykerJS runs per mutant: the families whose mechanisms it mutates. One worker per
// Stryker process (Stryker's own concurrency spreads the load).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/{tuf,saga,fm,agents,nexus,scenarios}/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
