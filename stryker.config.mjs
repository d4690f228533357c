// StrykerJS over the protective mechanisms (`pnpm mutate`, a bench-like command, not part of CI).
// MUTATE narrows the files (comma-separated globs), e.g.
//   MUTATE=nexus/tuf/activation-common.ts pnpm mutate
// The tests are the family suites (vitest.mutate.config.ts), so a mutant counts as killed when a
// scenario verdict, an oracle-bites mutant test or a unit test fails on it.
const mutate = (process.env.MUTATE ?? 'nexus/tuf/**/*.ts,nexus/saga/**/*.ts,nexus/fm/**/*.ts,agents/**/*.ts')
  .split(',')
  .concat(['!**/index.ts', '!**/omdb.ts', '!**/schema*.ts', '!**/*-types.ts', '!**/types.ts']);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate,
  // MUTATE_EXCLUDE=StringLiteral,... skips mutator kinds (e.g. trace labels, which only change what is observed).
  mutator: { excludedMutations: process.env.MUTATE_EXCLUDE ? process.env.MUTATE_EXCLUDE.split(',') : [] },
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  timeoutMS: 60_000,
  // The initial run is the whole test set once; on the shared 2-core machine it outlasts Stryker's 5 min default.
  dryRunTimeoutMinutes: 30,
  // event-recorder writes each mutant's result under reports/mutation/events as it comes, so a run
  // cut short still names its survivors (the progress reporter gives counts only).
  reporters: ['clear-text', 'progress', 'json', 'event-recorder'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
