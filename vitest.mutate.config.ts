// The test set StrykerJS runs per mutant: the families whose mechanisms it mutates. One worker per
// Stryker process (Stryker's own concurrency spreads the load). MUTATE_TESTS=glob,glob narrows the
// set to the suites that exercise the mutated files (a shorter dry run; a kill by a test left out
// is then not counted, so the score is a lower bound).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: process.env.MUTATE_TESTS?.split(',') ?? ['test/{tuf,saga,fm,agents,nexus,scenarios}/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
