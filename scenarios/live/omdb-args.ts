// `pnpm omdb`'s command line, parsed the way omdb's clap derive parses it (omicron
// dev-tools/omdb/src/bin/omdb at b848b6df85, clap 4.6), so a usage error is clap's, whole: which
// error, its usage line (the full one, `omdb nexus sagas [OPTIONS] <COMMAND>`, or clap's "smart"
// one built from the arguments given, `omdb nexus sagas demo-complete <DEMO_SAGA_ID>`), its tips.
// The command tree is ./omdb-commands.ts. Not modelled: omdb's `--help` texts (and so the help
// clap prints for a bare group command), env-var defaults (OMDB_NEXUS_URL, ...), `--dns-server`,
// `--db-url` and the database fetch options.
import { clapErrorText, didYouMean, similarTip, type ClapError } from './clap-text.js';
import { OMDB, type Arg, type Cmd } from './omdb-commands.js';

/** A parsed command line: the command's path (`nexus sagas list`) and every value given. */
export interface OmdbArgs {
  command: string;
  values: Map<string, string[]>;
}

/** The whole stderr of a command line omdb's clap refuses (exit 2), or one rack-sim does not run. */
export type OmdbParse = { ok: OmdbArgs } | { stderr: string };

class Stop {
  constructor(readonly text: string) {}
}

const NO_HELP = new Stop(`rack-sim's omdb has no help text; see "pnpm omdb" in README.md\n`);

const show = (a: Arg, required = a.required ?? false): string => {
  if (a.positional) return (required ? `<${a.value}>` : `[${a.value}]`) + (a.multiple ? '...' : '');
  return `--${a.long}` + (a.value ? ` <${a.value}>` : '');
};

/** One command being parsed: what clap's Command and ArgMatcher hold for it. */
class Level {
  /** Explicit arguments in the order first given (clap's matcher order). */
  readonly used: string[] = [];
  positional = 0;

  constructor(
    readonly cmd: Cmd,
    readonly path: string,
    /** Its own arguments and every ancestor's global ones. */
    readonly args: readonly Arg[],
  ) {}

  get positionals(): Arg[] {
    return (this.cmd.args ?? []).filter((a) => a.positional);
  }

  get subNames(): string[] {
    return (this.cmd.subs ?? []).flatMap((s) => [s.name, ...(s.aliases ?? [])]);
  }

  /** clap's `format_group`: `<--a <A>|--b <B>>`. */
  groupShow(): string[] {
    const g = this.cmd.group;
    return g ? [`<${g.members.map((m) => show(this.args.find((a) => a.id === m)!)).join('|')}>`] : [];
  }

  /** clap's usage with no arguments used: `[OPTIONS]`, required options, positionals, `<COMMAND>`. */
  fullUsage(): string {
    const members = this.cmd.group?.members ?? [];
    const options = this.args.some((a) => !a.positional && !a.required && !members.includes(a.id));
    const required = this.args.filter((a) => !a.positional && a.required && !members.includes(a.id)).map((a) => show(a));
    return [this.path, ...(options ? ['[OPTIONS]'] : []), ...required, ...this.groupShow(), ...this.positionals.map((a) => show(a)), ...(this.cmd.subs ? ['<COMMAND>'] : [])].join(' ');
  }

  /** clap's usage for `used` (falls back to the full one when nothing was used). */
  usage(used: readonly string[]): string {
    if (used.length === 0) return this.fullUsage();
    const members = this.cmd.group?.members ?? [];
    const ids = [...this.args.filter((a) => a.required).map((a) => a.id), ...used];
    const options = [...new Set(ids)].map((id) => this.args.find((a) => a.id === id)).filter((a): a is Arg => !!a && !a.positional && !members.includes(a.id));
    const positionals = this.positionals.map((a) => show(a, ids.includes(a.id)));
    return [this.path, ...options.map((a) => show(a, true)), ...this.groupShow(), ...positionals, ...(this.cmd.subs ? ['<COMMAND>'] : [])].join(' ');
  }

  /** The `tip:` clap adds for an unknown `-x`/`--x` where the command takes positionals. */
  trailingTip(arg: string): string[] {
    return this.positionals.length ? [`to pass '${arg}' as a value, use '-- ${arg}'`] : [];
  }
}

function fail(e: ClapError): never {
  throw new Stop(clapErrorText(e));
}

function parse(argv: readonly string[]): OmdbArgs {
  const values = new Map<string, string[]>();
  let level = new Level(OMDB, 'omdb', OMDB.args ?? []);
  let pending: Arg | undefined;
  let trailing = false;

  const emptyValue = (a: Arg): never =>
    fail({ message: `a value is required for '${show(a)}' but none was supplied` + (a.possible ? `\n  [possible values: ${a.possible.join(', ')}]` : '') });

  const record = (a: Arg, value?: string) => {
    if (level.used.includes(a.id) && !a.multiple) fail({ message: `the argument '${show(a)}' cannot be used multiple times`, usage: level.fullUsage() });
    if (value !== undefined && a.possible && !a.possible.includes(value)) {
      const near = didYouMean(value, a.possible).pop();
      fail({ message: `invalid value '${value}' for '${show(a)}'\n  [possible values: ${a.possible.join(', ')}]`, tips: near ? [similarTip('value', [near])] : [] });
    }
    const why = value === undefined ? undefined : a.check?.(value);
    if (why !== undefined) fail({ message: `invalid value '${value}' for '${show(a)}': ${why}` });
    if (!level.used.includes(a.id)) level.used.push(a.id);
    values.set(a.id, [...(values.get(a.id) ?? []), ...(value === undefined ? [] : [value])]);
  };

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    const sub = !trailing && !pending && level.cmd.subs?.find((s) => s.name === word || s.aliases?.includes(word));
    if (sub) {
      const path = `${level.path} ${sub.name}`;
      if (sub.name === 'help') throw NO_HELP;
      if (!sub.subs && !sub.runs) throw new Stop(`error: rack-sim's omdb does not implement '${path}'\n`);
      level = new Level(sub, path, [...(sub.args ?? []), ...level.args.filter((a) => a.global)]);
      continue;
    }
    if (!trailing && word === '--') {
      trailing = true;
      continue;
    }
    if (!trailing && word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const attached = eq < 0 ? undefined : word.slice(eq + 1);
      const arg = level.args.find((a) => a.long === name);
      if (!arg) {
        if (name === 'help') throw NO_HELP;
        // clap's did_you_mean_error: the nearest long name, which also joins the usage line.
        const near = didYouMean(name, [...level.args.map((a) => a.long).filter((l): l is string => !!l), 'help']).pop();
        const nearArg = near === undefined ? undefined : level.args.find((a) => a.long === near);
        const used = nearArg && !level.used.includes(nearArg.id) ? [...level.used, nearArg.id] : level.used;
        fail({ message: `unexpected argument '--${name}' found`, tips: near ? [similarTip('argument', [`--${near}`])] : level.trailingTip(`--${name}`), usage: level.usage(used) });
      }
      if (pending) emptyValue(pending);
      if (!arg.value) {
        if (attached !== undefined) {
          const used = [...level.used.filter((id) => !level.args.find((x) => x.id === id)?.required), arg.id];
          fail({ message: `unexpected value '${attached}' for '${show(arg)}' found; no more were expected`, usage: level.usage(used) });
        }
        record(arg);
      } else if (attached !== undefined) record(arg, attached);
      else pending = arg;
      continue;
    }
    if (!trailing && word.startsWith('-') && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        const arg = level.args.find((a) => a.short === word[k]);
        if (!arg) {
          if (word[k] === 'h') throw NO_HELP;
          fail({ message: `unexpected argument '-${word[k]}' found`, tips: level.trailingTip(`-${word[k]}`), usage: level.fullUsage() });
        }
        if (pending) emptyValue(pending);
        if (!arg.value) {
          record(arg);
          continue;
        }
        const rest = word.slice(k + 1).replace(/^=/, '');
        if (rest) record(arg, rest);
        else pending = arg;
        break;
      }
      continue;
    }
    if (pending) {
      record(pending, word);
      pending = undefined;
      continue;
    }
    const p = level.positionals[level.positional];
    if (p) {
      record(p, word);
      if (!p.multiple) level.positional++;
      continue;
    }
    // clap's match_arg_error: a word where a subcommand (or nothing) was expected.
    if (level.cmd.subs) {
      const near = didYouMean(word, level.subNames);
      fail({ message: `unrecognized subcommand '${word}'`, tips: near.length ? [similarTip('subcommand', near)] : [], usage: level.fullUsage() });
    }
    fail({ message: `unexpected argument '${word}' found`, usage: level.fullUsage() });
  }
  if (pending) emptyValue(pending);
  if (level.cmd.subs) {
    // With no argument given to this command, omdb's clap prints the command's help instead (exit
    // 2); rack-sim does not carry omdb's help texts and prints this error in both cases.
    fail({ message: `'${level.path}' requires a subcommand but one was not provided\n  [subcommands: ${level.subNames.join(', ')}]`, usage: level.fullUsage() });
  }
  const g = level.cmd.group;
  const missing = [
    ...level.args.filter((a) => !a.positional && a.required && !level.used.includes(a.id)),
    ...(g && !g.members.some((m) => level.used.includes(m)) ? [{ id: g.id } as Arg] : []),
    ...level.positionals.filter((a) => a.required && !level.used.includes(a.id)),
  ];
  if (missing.length) {
    const shown = (a: Arg) => (a.id === g?.id ? level.groupShow()[0] : show(a, true));
    fail({ message: 'the following required arguments were not provided:' + missing.map((a) => `\n  ${shown(a)}`).join(''), usage: level.usage([...level.used, ...missing.map((a) => a.id)]) });
  }
  return { command: level.path.split(' ').slice(1).join(' '), values };
}

export function parseOmdbArgs(argv: readonly string[]): OmdbParse {
  try {
    return { ok: parse(argv) };
  } catch (e) {
    if (e instanceof Stop) return { stderr: e.text };
    throw e;
  }
}
