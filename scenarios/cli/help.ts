// `pnpm scenario --help` (and `help`): every flag with its default, the exit statuses, the
// scenarios and examples, built from the flag table and the registry so it cannot drift.
import { SCENARIOS } from '../registry.js';
import { USAGE } from './args.js';
import { RUN_FLAGS, flagHelp } from './flags.js';

export function helpText(): string {
  const width = Math.max(...SCENARIOS.map((s) => s.name.length)) + 2;
  return [
    'pnpm scenario: run a race scenario of the simulated rack on seeded virtual time.',
    '',
    USAGE,
    '',
    'flags:',
    flagHelp(RUN_FLAGS),
    '',
    'relative paths are taken from the directory the command was typed in; the absolute path',
    'written is printed. --db, --trace and --html replace only a file an earlier run wrote.',
    '',
    'exit status:',
    '  0    every invariant held in every run',
    '  1    an invariant was violated (the first failing seed and a reproduce command are printed)',
    '  2    bad usage or configuration (unknown scenario, variant or flag, bad number, an output',
    "       path that cannot be written or would destroy a file that is not rack-sim's own)",
    '  3    a bug in rack-sim',
    '  130  interrupted (Ctrl-C; a sweep prints its partial summary first)',
    '',
    'rack-workload (the unscripted explorer) also takes:',
    '  --shrink --seed N [--variant V] [--out FILE] [--budget-ms MS] [--force]',
    '        shrink a failing seed\'s workload to a minimal reproducer (JSON) and print its replay',
    '  --replay FILE [--json]',
    '        run a reproducer; says whether it broke the same invariant with the same trace hash',
    '',
    'scenarios (variant(expected verdict); the first variant is the default):',
    ...SCENARIOS.map((s) => `  ${s.name.padEnd(width)}${s.variants.map((v) => `${v}(${s.expected[v]})`).join(' ')}`),
    '',
    'examples:',
    '  pnpm scenario zombie-sec --variant any-expunged --seeds 200     # sweep 200 seeds',
    '  pnpm scenario zombie-sec --variant any-expunged --seed 1 --html run.html --trace run.jsonl',
    '  pnpm scenario zombie-sec --variant all --seeds 100 --keep failures/',
    '  pnpm scenario zombie-sec --seeds 100000 --shard 3/8 --json > shard-3.jsonl; pnpm scenario merge shard-*.jsonl',
  ].join('\n');
}
