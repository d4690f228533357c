// The flag table of `pnpm scenario`: one row per flag, from which both the parser options and
// `--help` are built, so a new flag (e.g. `--replay FILE`) is one row here plus its use.
export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  /** Placeholder shown in --help for a string flag's value. */
  value?: string;
  /** The default, as --help shows it. */
  default?: string;
  help: string;
  short?: string;
}

export const RUN_FLAGS: readonly FlagSpec[] = [
  { name: 'seed', type: 'string', value: 'N', default: '1', help: 'run one seed' },
  { name: 'seeds', type: 'string', value: 'N', help: 'sweep N seeds: --from, --from+1, ...' },
  { name: 'from', type: 'string', value: 'S', default: '1', help: 'first seed of a sweep (with --seeds)' },
  { name: 'variant', type: 'string', value: 'V|all', default: "the scenario's first, omicron's design", help: 'design under test; all runs every design over the same seeds' },
  { name: 'sleds', type: 'string', value: 'N', default: "the scenario's", help: 'number of sleds' },
  { name: 'nexus', type: 'string', value: 'N', default: "the scenario's", help: 'number of Nexus instances' },
  { name: 'json', type: 'boolean', default: 'off', help: 'JSON Lines on stdout: a run line per seed, then a summary' },
  { name: 'trace', type: 'string', value: 'FILE', help: "write the run's trace as JSON Lines (one run)" },
  { name: 'db', type: 'string', value: 'FILE', help: "keep the run's shared database as a SQLite file (one run; locked while in use)" },
  { name: 'html', type: 'string', value: 'FILE', help: 'write the run as a self-contained timeline page (one run)' },
  { name: 'keep', type: 'string', value: 'DIR', help: 'a folder per failing seed: trace, run.json, report, timeline, repro.sh' },
  { name: 'jobs', type: 'string', value: 'N', default: 'one per core, at most the core count', help: 'worker threads for a sweep' },
  { name: 'shard', type: 'string', value: 'K/N', help: 'run the K-th of N disjoint parts of the sweep (merge the --json outputs with `merge`)' },
  { name: 'force', type: 'boolean', default: 'off', help: "let --db/--trace/--html replace a file that is not rack-sim's own" },
  { name: 'help', type: 'boolean', short: 'h', help: 'print this help' },
];

/** node:util parseArgs options for a flag table. */
export function parserOptions(flags: readonly FlagSpec[]) {
  return Object.fromEntries(flags.map((f) => [f.name, { type: f.type, ...(f.short ? { short: f.short } : {}) }])) as Record<
    string,
    { type: 'string' | 'boolean'; short?: string }
  >;
}

export function flagHelp(flags: readonly FlagSpec[]): string {
  const left = flags.map((f) => `  ${f.short ? `-${f.short}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return flags.map((f, i) => `${left[i].padEnd(width)}${f.help}${f.default ? ` (default: ${f.default})` : ''}`).join('\n');
}
