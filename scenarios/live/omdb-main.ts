// `pnpm omdb nexus ...` against a live rack's Nexus lockstep API over real HTTP, printed through
// the same formatters the simulator's omdb uses (nexus/saga/omdb.ts, nexus/bgtask). Errors follow
// omdb (dev-tools/omdb/src/bin/omdb/nexus.rs at b848b6df85): anyhow's `Error: <context>` then
// `Caused by:` and progenitor's error; clap usage errors exit 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import type { ArtifactConfig } from '../../agents/types/index.js';
import { printTask } from '../../nexus/bgtask/index.js';
import {
  FM_TASK_PRINTERS,
  defaultFmConfigView,
  omdbFmConfigJson,
  omdbFmConfigSetUnchanged,
  omdbFmConfigShow,
  omdbFmConfigUpdated,
  parseConfigSelector,
  parseSetting,
  updatedConfig,
  validateParam,
  type ConfigOpts,
  type FmConfigView,
} from '../../nexus/index.js';
import { DB_SAGAS_RUNNING_QUERY, dbSledsQuery, omdbValidateArtifactReplication, replicationInputs, omdbDbSagasRunning, omdbDbSleds, omdbBackgroundTaskShow, omdbBackgroundTasksList, showTufArtifactReplication, showTufRepoPruner, omdbDemoComplete, omdbDemoCreate, omdbSagasList, omdbSledExpunge, progenitorError, usingNexusUrl, type BackgroundTaskView, type Saga, type DbSagaRow, type DbSledRow, type ReplicationProbe, type DbSledsFilter, type SledPolicy } from '../../nexus/index.js';

/** The tasks whose details omdb interprets (print_task_details); others print their JSON. */
const TASK_SHOW: Record<string, (v: BackgroundTaskView, nowMs: number) => string> = {
  saga_recovery: omdbBackgroundTaskShow,
  tuf_artifact_replication: showTufArtifactReplication,
  tuf_repo_pruner: showTufRepoPruner,
  ...FM_TASK_PRINTERS,
};

const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

class Failed extends Error {
  constructor(
    readonly context: string,
    readonly reason: string,
  ) {
    super(context);
  }
}

function usage(msg: string): never {
  process.stderr.write(`error: ${msg}\n`);
  process.exit(2);
}

/** `--nexus-internal-url` as omdb has it, else the first nexus-lockstep line of services.json. */
function nexusUrl(args: string[]): string {
  const i = args.indexOf('--nexus-internal-url');
  if (i >= 0) {
    const u = args[i + 1];
    if (!u) usage("a value is required for '--nexus-internal-url <NEXUS_INTERNAL_URL>' but none was supplied");
    args.splice(i, 2);
    return u;
  }
  const d = args.indexOf('--rack-dir');
  const dir = d >= 0 ? args.splice(d, 2)[1] : '.rack';
  let text: string;
  try {
    text = readFileSync(join(dir, 'services.json'), 'utf8');
  } catch {
    usage(`no --nexus-internal-url and no ${join(dir, 'services.json')} (is \`pnpm rack up\` running?)`);
  }
  const line = text.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.api === 'nexus-lockstep');
  if (!line) usage(`no nexus-lockstep service in ${join(dir, 'services.json')}`);
  return line.url;
}

async function call<T>(base: string, context: string, method: string, path: string, body?: unknown): Promise<{ status: number; body?: T; at: number }> {
  let res: Response;
  const url = `${base}${path}`;
  try {
    res = await fetch(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }), signal: AbortSignal.timeout(15_000) });
  } catch {
    // progenitor's Error::CommunicationError wraps reqwest's "error sending request for url (..)".
    throw new Failed(context, `Communication Error: error sending request for url (${url})`);
  }
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as T) : undefined, at: Date.now() };
}

function ok<T>(context: string, a: { status: number; body?: T; at: number }): T {
  if (a.status < 200 || a.status >= 300) throw new Failed(context, progenitorError(a.status, a.body, a.at));
  return a.body as T;
}

async function sagasList(base: string): Promise<Saga[]> {
  const out: Saga[] = [];
  let token: string | null = null;
  do {
    const path: string = token === null ? '/sagas' : `/sagas?page_token=${encodeURIComponent(token)}`;
    const page = ok('listing sagas', await call<{ items: Saga[]; next_page?: string | null }>(base, 'listing sagas', 'GET', path));
    out.push(...page.items);
    token = page.next_page ?? null;
  } while (token !== null);
  return out;
}

function print(o: { stdout: string[]; stderr: string[] }): void {
  if (o.stderr.length) process.stderr.write(o.stderr.join('\n') + '\n');
  if (o.stdout.length) process.stdout.write(o.stdout.join('\n') + '\n');
}

/** One line from stdin (omdb's reedline prompt), or undefined at EOF. */
function readLine(message: string): Promise<string | undefined> {
  // reedline's DefaultPrompt: the message, then its default indicator "〉".
  process.stderr.write(`${message}〉`);
  const rl = createInterface({ input: process.stdin });
  return new Promise((resolve) => {
    let got: string | undefined;
    rl.once('line', (l) => {
      got = l;
      rl.close();
    });
    rl.once('close', () => resolve(got));
  });
}

/** `--db FILE` (the rack's SQLite file, omdb's `--db-url`), default `<rack-dir>/rack.sqlite`. */
function dbFile(args: string[]): string {
  const i = args.indexOf('--db');
  if (i < 0) return join('.rack', 'rack.sqlite');
  const f = args[i + 1];
  if (!f) usage("a value is required for '--db <DB>' but none was supplied");
  args.splice(i, 2);
  return f;
}

function openDb(file: string): Database.Database {
  let sql: Database.Database;
  try {
    sql = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new Failed('connecting to database', `${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.stderr.write(`note: using database file ${file}\n`);
  return sql;
}

/** Asks each replication sled for its artifact config, as omdb's sled-agent client does (48.0.0). */
async function validateReplication(file: string): Promise<number> {
  const sql = openDb(file);
  const { config, sleds } = replicationInputs(sql);
  sql.close();
  const probes: ReplicationProbe[] = await Promise.all(
    sleds.map(async (s) => {
      const url = `http://[${s.ip}]:${s.port}/artifacts-config`;
      let result: ReplicationProbe['result'];
      try {
        const res = await fetch(url, { headers: { 'api-version': '48.0.0' }, signal: AbortSignal.timeout(15_000) });
        const text = await res.text();
        const body = text ? JSON.parse(text) : undefined;
        result = res.ok ? { ok: body as ArtifactConfig } : { err: progenitorError(res.status, body, Date.now()) };
      } catch {
        // The head of progenitor's chain; reqwest's causes after it are not reproduced.
        result = { err: `Communication Error: error sending request for url (${url})` };
      }
      return { id: s.id, serial: s.serial_number, ip: s.ip, result };
    }),
  );
  process.stdout.write(omdbValidateArtifactReplication(config, probes).join('\n') + '\n');
  return 0;
}

/** `omdb db ...` against the rack's SQLite file (omdb's `--db-url` names CockroachDB). */
function dbCommand(file: string, args: string[]): number | Promise<number> {
  const [cmd] = args;
  if (cmd === 'sleds') {
    const f = args.findIndex((a) => a === '-F' || a === '--filter');
    const filter = f >= 0 ? args[f + 1] : undefined;
    if (f >= 0 && filter !== 'commissioned' && filter !== 'in-service') usage(`invalid value '${filter ?? ''}' for '--filter <FILTER>'`);
    const sql = openDb(file);
    const rows = sql.prepare(dbSledsQuery((filter ?? 'commissioned') as DbSledsFilter)).all() as DbSledRow[];
    sql.close();
    const o = omdbDbSleds(rows, filter !== undefined);
    print(o);
    return 0;
  }
  if (cmd === 'validate' && args[1] === 'validate-artifact-replication') return validateReplication(file);
  if (cmd === 'sagas' && args[1] === 'running') {
    const sql = openDb(file);
    const rows = sql.prepare(DB_SAGAS_RUNNING_QUERY).all() as DbSagaRow[];
    sql.close();
    process.stdout.write(omdbDbSagasRunning(rows).join('\n') + '\n');
    return 0;
  }
  usage(`unrecognized subcommand '${[cmd, args[1]].filter(Boolean).join(' ')}'`);
}

async function run(argv: string[]): Promise<number> {
  const args = [...argv];
  // omdb's global `-w` / `--destructive`.
  const w = args.findIndex((a) => a === '-w' || a === '--destructive');
  const destructive = w >= 0;
  if (destructive) args.splice(w, 1);
  const db = dbFile(args);
  const first = args.shift();
  if (first === 'db') return dbCommand(db, args);
  if (first !== 'nexus') usage(`unrecognized subcommand '${first ?? ''}'`);
  const base = nexusUrl(args);
  const [group, cmd, arg] = args;
  if (group === 'sagas') {
    if (cmd === 'list') {
      print(omdbSagasList(await sagasList(base), base));
      return 0;
    }
    if (cmd === 'demo-create') {
      const demo = ok('creating demo saga', await call<{ saga_id: string; demo_saga_id: string }>(base, 'creating demo saga', 'POST', '/demo-saga'));
      print(omdbDemoCreate(demo, base));
      return 0;
    }
    if (cmd === 'demo-complete') {
      if (!arg) usage("the following required arguments were not provided:\n  <DEMO_SAGA_ID>");
      if (!UUID.test(arg)) usage(`invalid value '${arg}' for '<DEMO_SAGA_ID>': invalid UUID`);
      const a = await call(base, 'completing demo saga', 'POST', `/demo-saga/${arg}/complete`);
      const o = omdbDemoComplete(a, base, a.at);
      print(o);
      return o.exitCode;
    }
  }
  if (group === 'sleds' && cmd === 'expunge') {
    if (!arg) usage('the following required arguments were not provided:\n  <SLED_ID>');
    if (!UUID.test(arg)) usage(`invalid value '${arg}' for '<SLED_ID>': invalid UUID`);
    process.stderr.write(usingNexusUrl(base) + '\n');
    let sled: { serial_number: string; rack_id: string } | undefined;
    if (destructive) {
      const sql = new Database(db, { readonly: true, fileMustExist: true });
      sled = sql.prepare('SELECT serial_number, rack_id FROM sled WHERE id = ? AND time_deleted IS NULL').get(arg.toLowerCase()) as typeof sled;
      sql.close();
    }
    const r = await omdbSledExpunge(arg.toLowerCase(), destructive, {
      stderr: (line) => process.stderr.write(line + '\n'),
      sled,
      readLine,
      expunge: async () => {
        const a = await call<SledPolicy>(base, 'expunging sled', 'POST', '/sleds/expunge', { sled: arg.toLowerCase() });
        return a.status === 200 ? { ok: true, policy: a.body! } : { ok: false, error: progenitorError(a.status, a.body, a.at) };
      },
    });
    if (r.error) {
      if (r.error.cause === undefined) {
        process.stderr.write(`Error: ${r.error.context}\n`);
        return 1;
      }
      throw new Failed(r.error.context, r.error.cause);
    }
    return 0;
  }
  if (group === 'fm-config') return fmConfigCommand(base, args.slice(1), destructive);
  if (group === 'background-tasks') {
    if (cmd === 'list') {
      process.stderr.write(usingNexusUrl(base) + '\n');
      const all = ok('listing background tasks', await call<Record<string, BackgroundTaskView>>(base, 'listing background tasks', 'GET', '/bgtasks'));
      process.stdout.write(omdbBackgroundTasksList(all).join('\n') + '\n');
      return 0;
    }
    if (cmd === 'show') {
      process.stderr.write(usingNexusUrl(base) + '\n');
      const all = ok('listing background tasks', await call<Record<string, BackgroundTaskView>>(base, 'listing background tasks', 'GET', '/bgtasks'));
      const names = arg ? [arg] : Object.keys(all);
      for (const name of names) {
        const v = all[name];
        if (!v) throw new Failed('listing background tasks', `no such background task: ${name}`);
        const show = TASK_SHOW[name];
        process.stdout.write((show ? show(v, Date.now()) + (name === 'saga_recovery' ? '\n' : '') : printTask(v, Date.now(), (d: unknown) => JSON.stringify(d, null, 2).split('\n').map((l) => `    ${l}`))) + '\n');
      }
      return 0;
    }
    if (cmd === 'activate') {
      if (!arg) usage('the following required arguments were not provided:\n  <TASKS>...');
      process.stderr.write(usingNexusUrl(base) + '\n');
      ok('activating background tasks', await call(base, 'activating background tasks', 'POST', '/bgtasks/activate', { bgtask_names: args.slice(2) }));
      process.stdout.write('activated background tasks: ' + args.slice(2).join(', ') + '\n');
      return 0;
    }
  }
  usage(`unrecognized subcommand '${[group, cmd].filter(Boolean).join(' ')}'`);
}

/** `omdb nexus fm-config current|show VERSION|show-defaults|set` (omdb's nexus/fm_config.rs). */
async function fmConfigCommand(base: string, args: string[], destructive: boolean): Promise<number> {
  const [cmd, ...rest] = args;
  // `ShowOptions`: `--json` prints the view as JSON instead.
  const j = rest.indexOf('--json');
  const json = j >= 0 && cmd !== 'set';
  if (json) rest.splice(j, 1);
  const show = async (sel: ReturnType<typeof parseConfigSelector> & object) => {
    process.stderr.write(usingNexusUrl(base) + '\n');
    let view: FmConfigView;
    if (sel.kind === 'default') view = defaultFmConfigView();
    else if (sel.kind === 'current') view = ok('getting current FM config', await call<FmConfigView>(base, 'getting current FM config', 'GET', '/fm/config'));
    else view = ok('getting FM config version', await call<FmConfigView>(base, 'getting FM config version', 'GET', `/fm/config/versions/${sel.version}`));
    process.stdout.write(json ? omdbFmConfigJson(view) : omdbFmConfigShow(sel, view));
    return 0;
  };
  if (cmd === 'current') return show({ kind: 'current' });
  if (cmd === 'show-defaults') return show({ kind: 'default' });
  if (cmd === 'show') {
    if (!rest[0]) usage('the following required arguments were not provided:\n  <VERSION|current|default>');
    const sel = parseConfigSelector(rest[0]);
    if (!sel) usage(`invalid value '${rest[0]}' for '<VERSION|current|default>': invalid digit found in string`);
    return show(sel);
  }
  if (cmd === 'set') {
    let comment: string | undefined;
    const opts: ConfigOpts = {};
    for (let i = 0; i < rest.length; i += 2) {
      const [flag, value] = [rest[i], rest[i + 1]];
      if (value === undefined) usage(`a value is required for '${flag}' but none was supplied`);
      const bad = (what: string) => usage(`invalid value '${value}' for '${flag} <${what}>'`);
      if (flag === '--comment') comment = value;
      else if (flag === '--sitrep-limit') opts.sitrep_limit = (parseSetting('u32', value) as ConfigOpts['sitrep_limit']) ?? bad('SITREP_LIMIT');
      else if (flag === '--history-pruning-threshold') opts.history_pruning_threshold = (parseSetting('u32', value) as ConfigOpts['history_pruning_threshold']) ?? bad('HISTORY_PRUNING_THRESHOLD');
      else if (flag === '--analysis-enabled') opts.analysis_enabled = (parseSetting('bool', value) as ConfigOpts['analysis_enabled']) ?? bad('ANALYSIS_ENABLED');
      else usage(`unexpected argument '${flag}' found`);
    }
    if (comment === undefined) usage('the following required arguments were not provided:\n  --comment <COMMENT>');
    if (Object.keys(opts).length === 0) usage('the following required arguments were not provided:\n  <--sitrep-limit <SITREP_LIMIT>|--history-pruning-threshold <HISTORY_PRUNING_THRESHOLD>|--analysis-enabled <ANALYSIS_ENABLED>>');
    process.stderr.write(usingNexusUrl(base) + '\n');
    if (!destructive) {
      process.stderr.write('Error: This command is potentially destructive. Pass the `-w` / `--destructive` flag to allow it.\n');
      return 1;
    }
    const current = ok('cannot set a new fault management config, because reading the current config failed', await call<FmConfigView>(base, '', 'GET', '/fm/config'));
    const next = updatedConfig(current, opts);
    if (!next) {
      process.stdout.write(omdbFmConfigSetUnchanged(current));
      return 0;
    }
    const invalid = validateParam({ ...next, comment });
    if (invalid) {
      process.stderr.write(`Error: unsupported value for "${invalid.label}": ${invalid.message}\n`);
      return 1;
    }
    ok('setting FM config', await call(base, 'setting FM config', 'POST', '/fm/config', { version: next.version, comment, config: next.config }));
    process.stdout.write(omdbFmConfigUpdated(next.version, next.config));
    return 0;
  }
  usage(`unrecognized subcommand '${['fm-config', cmd].filter(Boolean).join(' ')}'`);
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof Failed) {
      // What Rust prints for the anyhow::Error main returns (Debug): context, blank, Caused by.
      process.stderr.write(`Error: ${e.context}\n\nCaused by:\n    ${e.reason}\n`);
      process.exit(1);
    }
    process.stderr.write(`omdb: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
