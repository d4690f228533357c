// `pnpm omdb nexus ...` against a live rack's Nexus lockstep API over real HTTP, printed through
// the same formatters the simulator's omdb uses (nexus/saga/omdb.ts, nexus/bgtask). Errors follow
// omdb (dev-tools/omdb/src/bin/omdb/nexus.rs at b848b6df85): anyhow's `Error: <context>` then
// `Caused by:` and progenitor's error chain (nexus/omdb-errors.ts); the command line is parsed as
// omdb's clap parses it, and its usage errors are clap's, exit 2 (./omdb-args.ts).
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
import { anyhowMainError, connectionRefusedChain, DESTRUCTIVE_REFUSED, parseUuid, DB_SAGAS_RUNNING_QUERY, dbSledsQuery, omdbValidateArtifactReplication, replicationInputs, omdbDbSagasRunning, omdbDbSleds, omdbBackgroundTaskShow, omdbBackgroundTasksList, showTufArtifactReplication, showTufRepoPruner, omdbDemoComplete, omdbDemoCreate, omdbSagasList, omdbSledExpunge, progenitorError, usingNexusUrl, type BackgroundTaskView, type Saga, type DbSagaRow, type DbSledRow, type ReplicationProbe, type DbSledsFilter, type SledPolicy } from '../../nexus/index.js';
import { parseOmdbArgs } from './omdb-args.js';

/** The tasks whose details omdb interprets (print_task_details); others print their JSON. */
const TASK_SHOW: Record<string, (v: BackgroundTaskView, nowMs: number) => string> = {
  saga_recovery: omdbBackgroundTaskShow,
  tuf_artifact_replication: showTufArtifactReplication,
  tuf_repo_pruner: showTufRepoPruner,
  ...FM_TASK_PRINTERS,
};

/** An anyhow error with context: what `main` returns, printed as Rust prints it (exit 1). */
class Failed extends Error {
  constructor(
    readonly context: string,
    readonly causes: readonly string[],
  ) {
    super(context);
  }
}

/** A progenitor call that did not get an answer: its error and sources, for anyhow's chain. */
class Unreachable extends Error {
  constructor(readonly causes: string[]) {
    super(causes[0]);
  }
}

/** rack-sim's own refusal (no services.json, an omdb feature it does not have): exit 2. */
function refuse(msg: string): never {
  process.stderr.write(`error: ${msg}\n`);
  process.exit(2);
}

/** `--nexus-internal-url` as omdb has it, else the first nexus-lockstep line of services.json. */
function nexusUrl(url: string | undefined, rackDir: string): string {
  if (url !== undefined) return url;
  let text: string;
  try {
    text = readFileSync(join(rackDir, 'services.json'), 'utf8');
  } catch {
    refuse(`no --nexus-internal-url and no ${join(rackDir, 'services.json')} (is \`pnpm rack up\` running?)`);
  }
  const line = text.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.api === 'nexus-lockstep');
  if (!line) refuse(`no nexus-lockstep service in ${join(rackDir, 'services.json')}`);
  return line.url;
}

/** progenitor's CommunicationError chain for a fetch that failed: omdb's full chain for a refused
 * connection; for anything else reqwest's head and then Node's own reason (not reqwest's words). */
function communicationError(url: string, e: unknown): string[] {
  const err = e as { code?: string; errno?: number; message?: string };
  if (err.code === 'ECONNREFUSED') return connectionRefusedChain(url, Math.abs(err.errno ?? constants.errno.ECONNREFUSED));
  const reqwest = `error sending request for url (${url})`;
  return [`Communication Error: ${reqwest}`, reqwest, err.message ?? String(e)];
}

/** One lockstep API call; a failure to reach Nexus throws Failed(context, progenitor's chain). */
async function call<T>(base: string, context: string, method: string, path: string, body?: unknown): Promise<{ status: number; body?: T; at: number }> {
  try {
    return await request<T>(base, method, path, body);
  } catch (e) {
    if (e instanceof Unreachable) throw new Failed(context, e.causes);
    throw e;
  }
}

/** One HTTP request with node:http, not fetch: fetch refuses "bad ports" (111, omdb's own test
 * port, among them) before connecting, where reqwest would connect and be refused. */
async function request<T>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body?: T; at: number }> {
  const url = `${base}${path}`;
  if (!URL.canParse(url)) {
    // reqwest's builder error (no url in it) and the url crate's reason, as omdb's env.out shows
    // for `--nexus-internal-url junk`. For an absolute URL that does not parse, the url crate names
    // the specific fault (`invalid IPv6 address`, …); ours says `invalid URL` for all of them.
    const why = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) ? 'invalid URL' : 'relative URL without a base';
    throw new Unreachable(['Communication Error: builder error', 'builder error', why]);
  }
  const scheme = new URL(url).protocol;
  // reqwest sends only http and https; any other scheme is a builder error before any connection.
  if (scheme !== 'http:' && scheme !== 'https:') throw new Unreachable(['Communication Error: builder error', 'builder error', 'URL scheme is not allowed']);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const answer = await new Promise<{ status: number; text: string }>((done, fail) => {
    // Anything node:http refuses before sending (a bad header, host or port) is a failure to
    // reach Nexus, printed as omdb prints one, never a stack trace.
    const send = (...a: Parameters<typeof httpRequest>) => {
      try {
        return (scheme === 'https:' ? httpsRequest : httpRequest)(...a);
      } catch (e) {
        fail(new Unreachable(communicationError(url, e)));
        return undefined;
      }
    };
    const req = send(url, { method, timeout: 15_000, headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      res.on('error', fail);
    });
    if (!req) return;
    req.on('timeout', () => req.destroy(new Error('operation timed out')));
    req.on('error', (e) => fail(new Unreachable(communicationError(url, e))));
    req.end(payload);
  });
  return { status: answer.status, body: answer.text ? (JSON.parse(answer.text) as T) : undefined, at: Date.now() };
}

function ok<T>(context: string, a: { status: number; body?: T; at: number }): T {
  if (a.status < 200 || a.status >= 300) throw new Failed(context, [progenitorError(a.status, a.body, a.at)]);
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

function openDb(file: string): Database.Database {
  let sql: Database.Database;
  try {
    sql = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new Failed('connecting to database', [`${file}: ${e instanceof Error ? e.message : String(e)}`]);
  }
  // omdb's DbUrlOptions::connect names a CockroachDB postgresql:// URL; ours is the SQLite file's.
  process.stderr.write(`note: using database URL ${pathToFileURL(resolve(file)).href}\n`);
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
function dbCommand(file: string, command: string, filter: string | undefined): number | Promise<number> {
  if (command === 'db sleds') {
    if (filter !== undefined && filter !== 'commissioned' && filter !== 'in-service') refuse(`rack-sim's omdb has no '${filter}' sled filter (it has commissioned, in-service)`);
    const sql = openDb(file);
    const rows = sql.prepare(dbSledsQuery((filter ?? 'commissioned') as DbSledsFilter)).all() as DbSledRow[];
    sql.close();
    const o = omdbDbSleds(rows, filter !== undefined);
    print(o);
    return 0;
  }
  if (command === 'db validate validate-artifact-replication') return validateReplication(file);
  const sql = openDb(file);
  const rows = sql.prepare(DB_SAGAS_RUNNING_QUERY).all() as DbSagaRow[];
  sql.close();
  process.stdout.write(omdbDbSagasRunning(rows).join('\n') + '\n');
  return 0;
}

async function run(argv: string[]): Promise<number> {
  // clap parses every argument before omdb does anything: a usage error comes before any note.
  const parsed = parseOmdbArgs(argv);
  if ('stderr' in parsed) {
    process.stderr.write(parsed.stderr);
    return 2;
  }
  const { command, values } = parsed.ok;
  const one = (id: string) => values.get(id)?.at(-1);
  const destructive = values.has('destructive');
  const db = one('db') ?? join('.rack', 'rack.sqlite');
  if (command.startsWith('db ')) return dbCommand(db, command, one('filter'));
  const base = nexusUrl(one('nexus-internal-url'), one('rack-dir') ?? '.rack');
  const [, group, cmd] = command.split(' ');
  if (group === 'sagas') {
    if (cmd === 'list') {
      // The notes go out before the request, so they are there when it fails.
      process.stderr.write(omdbSagasList([], base).stderr.join('\n') + '\n');
      process.stdout.write(omdbSagasList(await sagasList(base), base).stdout.join('\n') + '\n');
      return 0;
    }
    if (cmd === 'demo-create') {
      process.stderr.write(usingNexusUrl(base) + '\n');
      if (!destructive) throw new Failed(DESTRUCTIVE_REFUSED, []);
      const demo = ok('creating demo saga', await call<{ saga_id: string; demo_saga_id: string }>(base, 'creating demo saga', 'POST', '/demo-saga'));
      process.stdout.write(omdbDemoCreate(demo, base).stdout.join('\n') + '\n');
      return 0;
    }
    if (cmd === 'demo-complete') {
      if (!destructive) {
        process.stderr.write(usingNexusUrl(base) + '\n');
        throw new Failed(DESTRUCTIVE_REFUSED, []);
      }
      let o: ReturnType<typeof omdbDemoComplete>;
      try {
        const a = await request(base, 'POST', `/demo-saga/${parseUuid(one('DEMO_SAGA_ID')!)}/complete`);
        o = omdbDemoComplete(a, base, a.at);
      } catch (e) {
        if (!(e instanceof Unreachable)) throw e;
        o = omdbDemoComplete({ causes: e.causes }, base, Date.now());
      }
      print(o);
      return o.exitCode;
    }
  }
  if (group === 'sleds' && cmd === 'expunge') {
    const sledId = parseUuid(one('SLED_ID')!)!;
    process.stderr.write(usingNexusUrl(base) + '\n');
    let sled: { serial_number: string; rack_id: string } | undefined;
    if (destructive) {
      const sql = openDb(db);
      sled = sql.prepare('SELECT serial_number, rack_id FROM sled WHERE id = ? AND time_deleted IS NULL').get(sledId) as typeof sled;
      sql.close();
    }
    const r = await omdbSledExpunge(sledId, destructive, {
      stderr: (line) => process.stderr.write(line + '\n'),
      sled,
      readLine,
      expunge: async () => {
        const a = await call<SledPolicy>(base, 'expunging sled', 'POST', '/sleds/expunge', { sled: sledId });
        return a.status === 200 ? { ok: true, policy: a.body! } : { ok: false, error: progenitorError(a.status, a.body, a.at) };
      },
    });
    if (r.error) throw new Failed(r.error.context, r.error.cause === undefined ? [] : [r.error.cause]);
    return 0;
  }
  if (group === 'fm-config') return fmConfigCommand(base, cmd, values, destructive);
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
      const names = values.get('TASK_NAME') ?? Object.keys(all);
      for (const name of names) {
        const v = all[name];
        if (!v) throw new Failed('listing background tasks', [`no such background task: ${name}`]);
        const show = TASK_SHOW[name];
        process.stdout.write((show ? show(v, Date.now()) + (name === 'saga_recovery' ? '\n' : '') : printTask(v, Date.now(), (d: unknown) => JSON.stringify(d, null, 2).split('\n').map((l) => `    ${l}`))) + '\n');
      }
      return 0;
    }
    if (cmd === 'activate') {
      const names = values.get('TASK_NAME')!;
      process.stderr.write(usingNexusUrl(base) + '\n');
      ok('activating background tasks', await call(base, 'activating background tasks', 'POST', '/bgtasks/activate', { bgtask_names: names }));
      process.stdout.write('activated background tasks: ' + names.join(', ') + '\n');
      return 0;
    }
  }
  throw new Error(`omdb-args parsed '${command}', which this file does not run`);
}

/** `omdb nexus fm-config current|show VERSION|show-defaults|set` (omdb's nexus/fm_config.rs). */
async function fmConfigCommand(base: string, cmd: string, values: Map<string, string[]>, destructive: boolean): Promise<number> {
  const one = (id: string) => values.get(id)?.at(-1);
  // `ShowOptions`: `--json` prints the view as JSON instead.
  const json = values.has('json');
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
  if (cmd === 'show') return show(parseConfigSelector(one('VERSION|current|default')!)!);
  // `set`: omdb-args has checked every value and that --comment and one setting are there.
  const comment = one('comment')!;
  const opts: ConfigOpts = {};
  if (values.has('sitrep-limit')) opts.sitrep_limit = parseSetting('u32', one('sitrep-limit')!) as ConfigOpts['sitrep_limit'];
  if (values.has('history-pruning-threshold')) opts.history_pruning_threshold = parseSetting('u32', one('history-pruning-threshold')!) as ConfigOpts['history_pruning_threshold'];
  if (values.has('analysis-enabled')) opts.analysis_enabled = parseSetting('bool', one('analysis-enabled')!) as ConfigOpts['analysis_enabled'];
  process.stderr.write(usingNexusUrl(base) + '\n');
  if (!destructive) throw new Failed(DESTRUCTIVE_REFUSED, []);
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

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof Failed) {
      process.stderr.write(anyhowMainError(e.context, e.causes).join('\n') + '\n');
      process.exit(1);
    }
    process.stderr.write(`omdb: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
