// `pnpm openapi:extract [--mirror GIT_DIR] [--commit REV] | [--dir OMICRON_CHECKOUT]`: copies from
// omicron's published OpenAPI documents exactly the operations the simulator serves, with every
// component they reference, into test/wire/openapi/ (one file per document, its source recorded).
// The copies are interface data the wire tests hold the simulator to, like a vendored fixture:
// CI has no omicron mirror, so they are committed; rerun this when the pinned commit moves.
// `--check` writes nothing and exits 1 when a copy differs from what the source gives.
// Exit 0 done, 1 differs (--check) or a document lacks an operation, 2 bad usage.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const OMICRON_COMMIT = 'b848b6df85';
const DEFAULT_MIRROR = '/work/.mirror/oxidecomputer+omicron/repo';
export const OPENAPI_COPY_DIR = join(import.meta.dirname, '..', '..', 'test', 'wire', 'openapi');

/** The documents, and the operations of each the simulator serves (by omicron's operationId);
 * each is read at OMICRON_COMMIT unless it names its own commit (given as a default, not by --commit). */
export const SERVED: ReadonlyArray<{ name: string; path: string; operations: readonly string[]; commit?: string }> = [
  {
    name: 'sled-agent',
    path: 'openapi/sled-agent/sled-agent-48.0.0-808ec1.json',
    operations: ['inventory', 'artifact_config_get', 'artifact_config_put', 'artifact_list', 'artifact_put', 'artifact_copy_from_depot'],
  },
  // The v1 sled protocol models the sled agent of omicron PR #7129 (74a6c136fc), before PR #7519.
  {
    name: 'sled-agent-v1',
    path: 'openapi/sled-agent.json',
    commit: '74a6c136fc',
    operations: ['inventory', 'artifact_list', 'artifact_put', 'artifact_delete', 'artifact_copy_from_depot'],
  },
  { name: 'repo-depot', path: 'openapi/repo-depot/repo-depot-1.0.0-65083f.json', operations: ['artifact_get_by_sha256'] },
  { name: 'nexus-internal', path: 'openapi/nexus-internal/nexus-internal-1.0.0-6d8ade.json', operations: ['sled_agent_get', 'sled_agent_put'] },
  {
    name: 'nexus-lockstep',
    path: 'openapi/nexus-lockstep.json',
    operations: ['bgtask_list', 'bgtask_view', 'bgtask_activate', 'sled_expunge', 'saga_demo_create', 'saga_demo_complete', 'saga_list', 'saga_view', 'fm_config_show_current', 'fm_config_set', 'fm_config_show_version'],
  },
  {
    name: 'nexus-external',
    path: 'openapi/nexus/nexus-2026081901.0.0-e5e4f5.json',
    operations: ['system_update_repository_upload', 'system_update_repository_view', 'system_update_status'],
  },
];

type Json = unknown;
interface OpenApiDoc {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, { operationId?: string }>>;
  components?: Record<string, Record<string, Json>>;
}

/** Every `#/components/<kind>/<name>` reference under `v`. */
function refsIn(v: Json, out: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) refsIn(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.add(x);
      else refsIn(x, out);
    }
  }
}

/** The document cut down to `operations` and the components they reach; throws naming what is missing. */
export function trimDocument(doc: OpenApiDoc, operations: readonly string[], source: Record<string, string>): OpenApiDoc {
  const paths: OpenApiDoc['paths'] = {};
  const found = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op.operationId || !operations.includes(op.operationId)) continue;
      (paths[path] ??= {})[method] = op;
      found.add(op.operationId);
    }
  }
  const missing = operations.filter((o) => !found.has(o));
  if (missing.length > 0) throw new Error(`${source.path} has no operation ${missing.join(', ')}`);
  const components: Record<string, Record<string, Json>> = {};
  const seen = new Set<string>();
  const queue = new Set<string>();
  refsIn(paths, queue);
  while (queue.size > 0) {
    const ref = queue.values().next().value as string;
    queue.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
    const target = m ? doc.components?.[m[1]]?.[m[2]] : undefined;
    if (!m || target === undefined) throw new Error(`${source.path}: unresolvable $ref ${ref}`);
    (components[m[1]] ??= {})[m[2]] = target;
    refsIn(target, queue);
  }
  const sorted = Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))]));
  return { openapi: doc.openapi, info: { ...doc.info, 'x-rack-sim-source': source }, paths, components: sorted };
}

function usage(why: string): never {
  console.error(`${why}\nusage: pnpm openapi:extract [--mirror GIT_DIR] [--commit REV] | [--dir OMICRON_CHECKOUT]  [--check]`);
  process.exit(2);
}

function main(argv: string[]): void {
  let mirror: string | undefined;
  let dir: string | undefined;
  let commit = OMICRON_COMMIT;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--mirror') mirror = value();
    else if (a === '--dir') dir = value();
    else if (a === '--commit') commit = value();
    else if (a === '--check') check = true;
    else usage(`unknown argument: ${a}`);
  }
  if (mirror !== undefined && dir !== undefined) usage('give --mirror or --dir, not both');
  if (dir !== undefined && !existsSync(join(dir, 'openapi'))) usage(`${dir} has no openapi/ folder (is it an omicron checkout?)`);
  const gitDir = dir === undefined ? (mirror ?? DEFAULT_MIRROR) : undefined;
  if (gitDir !== undefined && !existsSync(gitDir)) usage(`no omicron git directory at ${gitDir} (give --mirror or --dir)`);
  const resolve = (rev: string): string => {
    if (gitDir === undefined) return rev;
    try {
      return execFileSync('git', ['-C', gitDir, 'rev-parse', '--verify', `${rev}^{commit}`], { encoding: 'utf8' }).trim();
    } catch {
      return usage(`${gitDir} has no commit ${rev}`);
    }
  };
  let differs = false;
  for (const d of SERVED) {
    if (dir !== undefined && d.commit !== undefined) {
      console.error(`skipped ${d.name}: it is read at omicron ${d.commit}, which a checkout does not give (use --mirror)`);
      continue;
    }
    const full = resolve(d.commit ?? commit);
    let text: string;
    try {
      text = gitDir !== undefined ? execFileSync('git', ['-C', gitDir, 'show', `${full}:${d.path}`], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] }) : readFileSync(join(dir!, d.path), 'utf8');
    } catch {
      // A commit or checkout from before (or after) the pinned documents: the source given is wrong.
      usage(`${d.path} is not in ${gitDir !== undefined ? full : dir}`);
    }
    const source: Record<string, string> = gitDir !== undefined ? { repo: 'oxidecomputer/omicron', commit: full, path: d.path } : { repo: 'oxidecomputer/omicron', checkout: dir!, path: d.path };
    let out: string;
    try {
      out = `${JSON.stringify(trimDocument(JSON.parse(text) as OpenApiDoc, d.operations, source), null, 2)}\n`;
    } catch (e) {
      console.error((e as Error).message);
      process.exit(1);
    }
    const file = join(OPENAPI_COPY_DIR, `${d.name}.json`);
    const same = existsSync(file) && readFileSync(file, 'utf8') === out;
    if (check) {
      if (!same) console.error(`${file} differs from ${d.path} at ${full}`);
      differs ||= !same;
    } else {
      writeFileSync(file, out);
      console.log(`${same ? 'unchanged' : 'wrote'} ${file} (${d.operations.length} operations from ${d.path})`);
    }
  }
  if (differs) process.exit(1);
}

if (process.argv[1] === import.meta.filename) main(process.argv.slice(2));
