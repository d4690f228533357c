// omdb's command tree as its clap derive declares it (omicron dev-tools/omdb/src/bin/omdb at
// b848b6df85: main.rs, db.rs, db/saga.rs, nexus.rs, nexus/fm_config.rs): the commands rack-sim runs,
// with their arguments, value names and value parsers, and the names of omdb's other subcommands,
// which clap's "similar subcommand" tips draw on and rack-sim refuses by name. Parsed by
// ./omdb-args.ts.
import { parseUuid } from '../../nexus/index.js';
import { boolError, nonZeroU32Error } from './clap-text.js';

export interface Arg {
  id: string;
  long?: string;
  short?: string;
  /** The value name (`<DB>`), or the positional's name; absent for a flag. */
  value?: string;
  positional?: boolean;
  required?: boolean;
  multiple?: boolean;
  global?: boolean;
  possible?: readonly string[];
  /** A value parser's error, as clap prints it after `: `. */
  check?: (v: string) => string | undefined;
}

export interface Cmd {
  name: string;
  aliases?: string[];
  args?: Arg[];
  /** A required group of options (`#[group(required = true, multiple = true)]`). */
  group?: { id: string; members: string[] };
  subs?: Cmd[];
  /** rack-sim implements this leaf; a leaf without it is one of omdb's that rack-sim refuses. */
  runs?: true;
}

const elsewhere = (...names: string[]): Cmd[] => names.map((name) => ({ name }));
const HELP: Cmd = { name: 'help' };
const flag = (id: string, short?: string): Arg => ({ id, long: id, short });
const opt = (id: string, value: string, more: Partial<Arg> = {}): Arg => ({ id, long: id, value, ...more });
const pos = (value: string, more: Partial<Arg> = {}): Arg => ({ id: value, value, positional: true, ...more });
const uuid = (tag: string) => (v: string) => (parseUuid(v) === undefined ? `error parsing UUID (${tag})` : undefined);
const JSON_FLAG = flag('json');

/** `ConfigSelector::from_str` (nexus/fm_config.rs): default, current or latest, else a version. */
const configSelectorError = (v: string) => (['default', 'current', 'latest'].includes(v.toLowerCase()) ? undefined : nonZeroU32Error(v.replace(/^[vV]+/, '')));
/** `Setting<V>::from_str` (nexus-types fm/config.rs): `default` (trimmed, any case), else V's own. */
const setting = (parse: (v: string) => string | undefined) => (v: string) => (v.trim().toLowerCase() === 'default' ? undefined : parse(v));

/** `SledFilter`'s ValueEnum names (nexus-types deployment/planning_input.rs), in clap's order. */
const SLED_FILTERS = ['all', 'commissioned', 'decommissioned', 'discretionary', 'in-service', 'query-during-inventory', 'reservation-create', 'vpc-routing', 'vpc-firewall', 'tuf-artifact-replication', 'sps-updated-by-reconfigurator'] as const;

const DB: Cmd = {
  name: 'db',
  subs: [
    ...elsewhere('sql', 'blueprints', 'db-metadata', 'crucible-dataset', 'replacements-to-do', 'rack', 'disks', 'dns', 'ereport', 'inventory', 'physical-disks', 'region', 'region-replacement', 'region-snapshot-replacement'),
    { name: 'saga', subs: [{ name: 'running', runs: true }, ...elsewhere('inject-error', 'abandon', 'show'), HELP] },
    ...elsewhere('sitrep', 'sitreps'),
    { name: 'sleds', args: [opt('filter', 'FILTER', { short: 'F', possible: SLED_FILTERS })], runs: true },
    ...elsewhere('sled-instances', 'target-release', 'instance', 'instances', 'network'),
    { name: 'migrations', aliases: ['migration'] },
    ...elsewhere('snapshots'),
    { name: 'validate', subs: [...elsewhere('validate-volume-references', 'validate-regions', 'validate-region-snapshots'), { name: 'validate-artifact-replication', runs: true }, HELP] },
    ...elsewhere('volumes', 'vmm', 'vmms', 'oximeter', 'alert', 'zpool', 'user-data-export', 'whatis', 'trust-quorum'),
    HELP,
  ],
};

const NEXUS: Cmd = {
  name: 'nexus',
  args: [opt('nexus-internal-url', 'NEXUS_INTERNAL_URL', { global: true })],
  subs: [
    {
      name: 'background-tasks',
      subs: [
        ...elsewhere('doc'),
        { name: 'list', runs: true },
        { name: 'show', args: [pos('TASK_NAME', { multiple: true })], runs: true },
        ...elsewhere('print-report'),
        { name: 'activate', args: [pos('TASK_NAME', { multiple: true, required: true })], runs: true },
        HELP,
      ],
    },
    ...elsewhere('blueprints', 'clickhouse-policy', 'fetch-omdb', 'mgs-updates', 'oximeter-read-policy', 'quiesce', 'reconfigurator-config'),
    {
      name: 'sagas',
      subs: [{ name: 'list', runs: true }, { name: 'demo-create', runs: true }, { name: 'demo-complete', args: [pos('DEMO_SAGA_ID', { required: true, check: uuid('demo_saga') })], runs: true }, HELP],
    },
    { name: 'sleds', subs: [...elsewhere('list-uninitialized'), { name: 'expunge', args: [pos('SLED_ID', { required: true, check: uuid('sled') })], runs: true }, ...elsewhere('expunge-disk'), HELP] },
    { name: 'support-bundles', aliases: ['sb'] },
    ...elsewhere('trust-quorum', 'update-status'),
    {
      name: 'fm-config',
      subs: [
        { name: 'current', args: [JSON_FLAG], runs: true },
        { name: 'show', args: [pos('VERSION|current|default', { required: true, check: configSelectorError }), JSON_FLAG], runs: true },
        { name: 'show-defaults', args: [JSON_FLAG], runs: true },
        {
          name: 'set',
          args: [
            opt('comment', 'COMMENT', { required: true }),
            opt('sitrep-limit', 'SITREP_LIMIT', { check: setting(nonZeroU32Error) }),
            opt('history-pruning-threshold', 'HISTORY_PRUNING_THRESHOLD', { check: setting(nonZeroU32Error) }),
            opt('analysis-enabled', 'ANALYSIS_ENABLED', { check: setting(boolError) }),
          ],
          group: { id: 'config', members: ['sitrep-limit', 'history-pruning-threshold', 'analysis-enabled'] },
          runs: true,
        },
        HELP,
      ],
    },
    HELP,
  ],
};

export const OMDB: Cmd = {
  name: 'omdb',
  args: [
    // omdb's globals that change nothing rack-sim prints (it logs nothing and uses no colour).
    opt('log-level', 'LOG_LEVEL', { global: true }),
    opt('color', 'COLOR', { global: true, possible: ['auto', 'always', 'never'] }),
    { ...flag('destructive', 'w'), global: true },
    // rack-sim's own: the rack's SQLite file (omdb has `--db-url`) and where `rack up` wrote
    // services.json (omdb finds Nexus in DNS).
    opt('db', 'DB', { global: true }),
    opt('rack-dir', 'RACK_DIR', { global: true }),
  ],
  subs: [...elsewhere('clickhouse-admin', 'crucible-agent', 'crucible-pantry'), DB, ...elsewhere('mgs'), NEXUS, ...elsewhere('oximeter', 'oxql', 'reconfigurator', 'sled-agent', 'support-bundle', 'timesync'), HELP],
};
