// `pnpm omdb`'s usage errors, whole text, as omdb's clap 4.6 prints them at b848b6df85. The full
// usage lines and the first two errors are omdb's own tests/usage_errors.out's; the rest follow
// clap's rules for the same error kinds there (a missing argument: the smart usage line, `omdb db
// dns diff <GROUP> <VERSION>`; a bad value: no usage line, `--state bogus`; an unknown flag near a
// real one: the tip and the flag in the usage line, `omdb oxql --summaries`). Pure parsing: no
// rack, no process.
import { describe, expect, it } from 'vitest';
import { didYouMean, jaro, nonZeroU32Error } from '../../scenarios/live/clap-text.js';
import { parseOmdbArgs } from '../../scenarios/live/omdb-args.js';

const stderr = (...argv: string[]) => {
  const r = parseOmdbArgs(argv);
  return 'stderr' in r ? r.stderr : `parsed as ${r.ok.command}`;
};
const lines = (...l: string[]) => l.join('\n') + '\n';
const FOOTER = "For more information, try '--help'.";
const CONFIG_GROUP = '<--sitrep-limit <SITREP_LIMIT>|--history-pruning-threshold <HISTORY_PRUNING_THRESHOLD>|--analysis-enabled <ANALYSIS_ENABLED>>';
const SLED_FILTERS = '[possible values: all, commissioned, decommissioned, discretionary, in-service, query-during-inventory, reservation-create, vpc-routing, vpc-firewall, tuf-artifact-replication, sps-updated-by-reconfigurator]';

describe("omdb usage errors: clap's text", () => {
  it('usage_errors.out: an unknown subcommand and an unknown flag at the top', () => {
    expect(stderr('not-a-command')).toBe(lines("error: unrecognized subcommand 'not-a-command'", '', 'Usage: omdb [OPTIONS] <COMMAND>', '', FOOTER));
    expect(stderr('--not-a-command')).toBe(lines("error: unexpected argument '--not-a-command' found", '', 'Usage: omdb [OPTIONS] <COMMAND>', '', FOOTER));
  });

  it("every usage line rack-sim shares with omdb is usage_errors.out's own (from its help texts)", () => {
    const usage = (...argv: string[]) => /\nUsage: (.*)\n/.exec(stderr(...argv))?.[1];
    for (const [path, line] of [
      ['', 'omdb [OPTIONS] <COMMAND>'],
      ['db', 'omdb db [OPTIONS] <COMMAND>'],
      ['db saga', 'omdb db saga [OPTIONS] <COMMAND>'],
      ['nexus', 'omdb nexus [OPTIONS] <COMMAND>'],
      ['nexus background-tasks', 'omdb nexus background-tasks [OPTIONS] <COMMAND>'],
      ['nexus sagas', 'omdb nexus sagas [OPTIONS] <COMMAND>'],
      ['nexus sleds', 'omdb nexus sleds [OPTIONS] <COMMAND>'],
      ['nexus fm-config', 'omdb nexus fm-config [OPTIONS] <COMMAND>'],
    ] as const) {
      expect(usage(...path.split(' ').filter(Boolean), 'zzz'), path).toBe(line);
    }
    for (const [path, line] of [
      ['db sleds', 'omdb db sleds [OPTIONS]'],
      ['nexus background-tasks show', 'omdb nexus background-tasks show [OPTIONS] [TASK_NAME]...'],
      ['nexus fm-config show', 'omdb nexus fm-config show [OPTIONS] <VERSION|current|default>'],
      ['nexus fm-config set', `omdb nexus fm-config set [OPTIONS] --comment <COMMENT> ${CONFIG_GROUP}`],
    ] as const) {
      expect(usage(...path.split(' '), '-z'), path).toBe(line);
    }
  });

  it("an unknown subcommand near real ones: clap's tip, then that level's usage line", () => {
    expect(stderr('nexus', 'sagas', 'lst')).toBe(lines("error: unrecognized subcommand 'lst'", '', "  tip: a similar subcommand exists: 'list'", '', 'Usage: omdb nexus sagas [OPTIONS] <COMMAND>', '', FOOTER));
    // omdb's subcommand is `db saga`, and clap names it.
    expect(stderr('db', 'sagas', 'running')).toBe(lines("error: unrecognized subcommand 'sagas'", '', "  tip: a similar subcommand exists: 'saga'", '', 'Usage: omdb db [OPTIONS] <COMMAND>', '', FOOTER));
    // Several near names come least similar first.
    expect(stderr('db', 'sled')).toBe(lines("error: unrecognized subcommand 'sled'", '', "  tip: some similar subcommands exist: 'sql', 'sled-instances', 'sleds'", '', 'Usage: omdb db [OPTIONS] <COMMAND>', '', FOOTER));
  });

  it('a missing positional: the smart usage line, with any flag given at that level', () => {
    expect(stderr('-w', 'nexus', 'sagas', 'demo-complete')).toBe(lines('error: the following required arguments were not provided:', '  <DEMO_SAGA_ID>', '', 'Usage: omdb nexus sagas demo-complete <DEMO_SAGA_ID>', '', FOOTER));
    expect(stderr('nexus', 'sagas', 'demo-complete', '-w')).toBe(lines('error: the following required arguments were not provided:', '  <DEMO_SAGA_ID>', '', 'Usage: omdb nexus sagas demo-complete --destructive <DEMO_SAGA_ID>', '', FOOTER));
    expect(stderr('nexus', 'sleds', 'expunge')).toBe(lines('error: the following required arguments were not provided:', '  <SLED_ID>', '', 'Usage: omdb nexus sleds expunge <SLED_ID>', '', FOOTER));
    expect(stderr('nexus', 'background-tasks', 'activate')).toBe(lines('error: the following required arguments were not provided:', '  <TASK_NAME>...', '', 'Usage: omdb nexus background-tasks activate <TASK_NAME>...', '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'show')).toBe(lines('error: the following required arguments were not provided:', '  <VERSION|current|default>', '', 'Usage: omdb nexus fm-config show <VERSION|current|default>', '', FOOTER));
  });

  it('fm-config set: --comment and the settings group, every one missing listed at once', () => {
    const usage = `Usage: omdb nexus fm-config set --comment <COMMENT> ${CONFIG_GROUP}`;
    expect(stderr('nexus', 'fm-config', 'set')).toBe(lines('error: the following required arguments were not provided:', '  --comment <COMMENT>', `  ${CONFIG_GROUP}`, '', usage, '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'set', '--sitrep-limit', '5')).toBe(lines('error: the following required arguments were not provided:', '  --comment <COMMENT>', '', usage, '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'set', '--comment', 'why')).toBe(lines('error: the following required arguments were not provided:', `  ${CONFIG_GROUP}`, '', usage, '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'set', '--coment', 'why')).toBe(lines("error: unexpected argument '--coment' found", '', "  tip: a similar argument exists: '--comment'", '', usage, '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'set', '--comment', 'a', '--comment', 'b')).toBe(lines("error: the argument '--comment <COMMENT>' cannot be used multiple times", '', `Usage: omdb nexus fm-config set [OPTIONS] --comment <COMMENT> ${CONFIG_GROUP}`, '', FOOTER));
  });

  it("a bad value: no usage line; the value parser's own reason", () => {
    expect(stderr('nexus', 'sagas', 'demo-complete', 'nope')).toBe(lines("error: invalid value 'nope' for '<DEMO_SAGA_ID>': error parsing UUID (demo_saga)", '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'show', '0')).toBe(lines("error: invalid value '0' for '<VERSION|current|default>': number would be zero for non-zero type", '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'show', 'v2x')).toBe(lines("error: invalid value 'v2x' for '<VERSION|current|default>': invalid digit found in string", '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'set', '--comment', 'c', '--sitrep-limit', '4294967296')).toBe(lines("error: invalid value '4294967296' for '--sitrep-limit <SITREP_LIMIT>': number too large to fit in target type", '', FOOTER));
    expect(stderr('nexus', 'fm-config', 'set', '--comment', 'c', '--analysis-enabled', 'yes')).toBe(lines("error: invalid value 'yes' for '--analysis-enabled <ANALYSIS_ENABLED>': provided string was not `true` or `false`", '', FOOTER));
    expect(stderr('db', 'sleds', '-F', 'in-servic')).toBe(lines("error: invalid value 'in-servic' for '--filter <FILTER>'", `  ${SLED_FILTERS}`, '', "  tip: a similar value exists: 'in-service'", '', FOOTER));
    expect(stderr('db', 'sleds', '--filter')).toBe(lines("error: a value is required for '--filter <FILTER>' but none was supplied", `  ${SLED_FILTERS}`, '', FOOTER));
    expect(stderr('nexus', '--nexus-internal-url')).toBe(lines("error: a value is required for '--nexus-internal-url <NEXUS_INTERNAL_URL>' but none was supplied", '', FOOTER));
  });

  it('unknown flags and words: the full usage line, and where positionals follow, the `--` tip', () => {
    expect(stderr('nexus', 'sagas', 'list', 'extra')).toBe(lines("error: unexpected argument 'extra' found", '', 'Usage: omdb nexus sagas list [OPTIONS]', '', FOOTER));
    expect(stderr('nexus', 'sagas', 'demo-complete', '--foo')).toBe(lines("error: unexpected argument '--foo' found", '', "  tip: to pass '--foo' as a value, use '-- --foo'", '', 'Usage: omdb nexus sagas demo-complete [OPTIONS] <DEMO_SAGA_ID>', '', FOOTER));
    expect(stderr('db', 'sleds', '-x')).toBe(lines("error: unexpected argument '-x' found", '', 'Usage: omdb db sleds [OPTIONS]', '', FOOTER));
    expect(stderr('nexus', '--destructiv')).toBe(lines("error: unexpected argument '--destructiv' found", '', "  tip: a similar argument exists: '--destructive'", '', 'Usage: omdb nexus --destructive <COMMAND>', '', FOOTER));
    expect(stderr('--destructive=yes', 'nexus')).toBe(lines("error: unexpected value 'yes' for '--destructive' found; no more were expected", '', 'Usage: omdb --destructive <COMMAND>', '', FOOTER));
  });

  it("a group without its subcommand: clap's missing-subcommand error (omdb prints the help when nothing else was given)", () => {
    expect(stderr('nexus', '--nexus-internal-url', 'http://[::1]:111', 'sagas')).toBe(
      lines("error: 'omdb nexus sagas' requires a subcommand but one was not provided", '  [subcommands: list, demo-create, demo-complete, help]', '', 'Usage: omdb nexus sagas [OPTIONS] <COMMAND>', '', FOOTER),
    );
  });

  it("omdb's commands rack-sim does not run are refused by name", () => {
    expect(stderr('mgs')).toBe(lines("error: rack-sim's omdb does not implement 'omdb mgs'"));
    expect(stderr('nexus', 'sb')).toBe(lines("error: rack-sim's omdb does not implement 'omdb nexus support-bundles'"));
  });

  it('good command lines parse, globals anywhere after their command', () => {
    const r = parseOmdbArgs(['nexus', 'sagas', 'demo-complete', '--nexus-internal-url', 'http://x', '0F5E0B7E-1111-4222-8333-444455556666', '-w']);
    expect(r).toEqual({ ok: { command: 'nexus sagas demo-complete', values: new Map([['nexus-internal-url', ['http://x']], ['DEMO_SAGA_ID', ['0F5E0B7E-1111-4222-8333-444455556666']], ['destructive', []]]) } });
    expect(parseOmdbArgs(['--db', 'f.sqlite', 'db', 'sleds', '-Fin-service'])).toEqual({ ok: { command: 'db sleds', values: new Map([['db', ['f.sqlite']], ['filter', ['in-service']]]) } });
    expect(parseOmdbArgs(['nexus', 'background-tasks', 'activate', 'a', 'b'])).toEqual({ ok: { command: 'nexus background-tasks activate', values: new Map([['TASK_NAME', ['a', 'b']]]) } });
  });
});

describe("clap's suggestion and std's parse texts", () => {
  it("strsim's jaro (its doc example and the textbook pairs)", () => {
    expect(jaro('Friedrich Nietzsche', 'Jean-Paul Sartre')).toBeCloseTo(0.392, 3);
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.944, 3);
    expect(jaro('dixon', 'dicksonx')).toBeCloseTo(0.767, 3);
    expect(jaro('', '')).toBe(1);
    expect(jaro('a', '')).toBe(0);
    expect(didYouMean('lst', ['list', 'demo-create', 'demo-complete', 'help'])).toEqual(['list']);
  });

  it("NonZeroU32's ParseIntError, read left to right", () => {
    expect([nonZeroU32Error(''), nonZeroU32Error('+'), nonZeroU32Error('-1'), nonZeroU32Error('0'), nonZeroU32Error('99999999999x'), nonZeroU32Error('+7')]).toEqual([
      'cannot parse integer from empty string',
      'invalid digit found in string',
      'invalid digit found in string',
      'number would be zero for non-zero type',
      'number too large to fit in target type',
      undefined,
    ]);
  });
});
