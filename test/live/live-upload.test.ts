// The external update API on a live rack: `pnpm rack upload-repo` PUTs a generated repo to a
// Nexus over HTTP, and every sled comes to hold every artifact twice (one per M.2), read with a
// plain `GET /artifacts` on each sled agent as curl would. Then a second repo is PUT and the rack
// process is killed (-9) in the middle of its replication: the kill is armed on the sleds' M.2
// folders and fires when the first copy of one of its artifacts lands, and the datasets left on
// disk must show replication begun but not finished. The rack is started again on the same DB
// file: every row committed at the kill is still there, the sleds' M.2 datasets come back from
// disk, and after the operator re-uploads the repo (omicron's remedy for a Nexus that died holding
// the only copy, nexus/src/app/update.rs) every sled converges on every artifact of both repos.
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRepo } from '../../nexus/index.js';
import { freePort } from '../../scenarios/live/ports.js';
import { UpdateClient } from '../../scenarios/update-operator.js';
import { startRack, stopRacks, type Line } from './rack-process.js';

const run = promisify(execFile);
const hasIpv6Loopback = await freePort().then(
  () => true,
  () => false,
);
if (!hasIpv6Loopback) console.warn('live-upload test skipped: this machine has no IPv6 loopback (::1)');

const ARTIFACTS = 4;
/** What the sled-agent server requires of a client (sled-agent 48.0.0); curl would pass it with -H. */
const SLED_AGENT_HEADERS = { 'api-version': '48.0.0' };

async function uploadRepo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scenarios/live/rack-main.ts', 'upload-repo', ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const hashes = (version: string) => generateRepo({ seed: 0, systemVersion: version, artifacts: ARTIFACTS }).artifacts.map((a) => a.sha256);
const repo19 = generateRepo({ seed: 0, systemVersion: '19.0.0', artifacts: 6 * ARTIFACTS });
const hashes19 = repo19.artifacts.map((a) => a.sha256);

/** Each sled agent's `GET /artifacts`: sha256 -> copies. */
async function sledLists(lines: Line[]): Promise<Array<Record<string, number>>> {
  const sleds = lines.filter((l) => l.api === 'sled-agent');
  return Promise.all(
    sleds.map(async (s) => {
      const res = await fetch(`${s.url}/artifacts`, { headers: SLED_AGENT_HEADERS });
      expect(res.status).toBe(200);
      return ((await res.json()) as { list: Record<string, number> }).list;
    }),
  );
}

const everyoneHoldsTwice = (lists: Array<Record<string, number>>, want: string[]) => lists.every((l) => want.every((h) => l[h] === 2));

/** Polls every sled's list until each holds every artifact of `want` twice (30 s at most). */
async function awaitConverged(lines: Line[], want: string[]): Promise<Array<Record<string, number>>> {
  let lists = await sledLists(lines);
  for (let i = 0; i < 60 && !everyoneHoldsTwice(lists, want); i++) {
    await new Promise((r) => setTimeout(r, 500));
    lists = await sledLists(lines);
  }
  return lists;
}

/** Every row's key in the tables an upload and a registration write. */
function rowKeys(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const q = (sql: string) => (db.prepare(sql).all() as Array<{ k: string }>).map((r) => r.k).sort();
    return {
      tuf_repo: q('SELECT id AS k FROM tuf_repo'),
      tuf_artifact: q('SELECT id AS k FROM tuf_artifact'),
      tuf_repo_artifact: q("SELECT tuf_repo_id || '/' || tuf_artifact_id AS k FROM tuf_repo_artifact"),
      sled: q('SELECT id AS k FROM sled'),
      tuf_generation: q('SELECT CAST(generation AS TEXT) AS k FROM tuf_generation'),
    };
  } finally {
    db.close();
  }
}

describe.skipIf(!hasIpv6Loopback)('live rack: the external update API and replication on ::1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rack-upload-'));
  let child: ChildProcess | undefined;

  afterAll(async () => {
    await stopRacks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('upload-repo: bad input is a usage error (exit 2)', async () => {
    const bad = await uploadRepo('--version', 'eighteen', '--nexus-external-url', 'http://[::1]:1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid value 'eighteen' for '--version <VERSION>'");
    const missing = await uploadRepo('--nexus-external-url', 'http://[::1]:1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--version is required');
    const noRack = await uploadRepo('--version', '1.0.0', '--rack-dir', join(dir, 'nowhere'));
    expect(noRack.code).toBe(2);
    expect(noRack.stderr).toContain('services.json');
  }, 60_000);

  it('replicates an uploaded repo to every sled twice; survives kill -9 mid-replication', async () => {
    const db = join(dir, 'rack.sqlite');
    const first = await startRack(dir, { sleds: 3, nexus: 2 });
    child = first.child;
    const external = first.lines.filter((l) => l.api === 'nexus-external');
    expect(external).toHaveLength(2);

    const up = await uploadRepo('--version', '18.0.0', '--artifacts', String(ARTIFACTS), '--rack-dir', dir, '--json');
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ status: 'inserted', repo: { system_version: '18.0.0', file_name: 'repo-18.0.0.zip' } });
    const lists = await awaitConverged(first.lines, hashes('18.0.0'));
    expect(lists.map((l) => hashes('18.0.0').map((h) => l[h]))).toEqual(Array(3).fill(Array(ARTIFACTS).fill(2)));

    // Repo 19 (24 artifacts, 144 copies to make) to the other Nexus, PUT from
    // here. The kill is armed before the PUT: the first time one of 19's artifacts is renamed into
    // place on any sled's M.2 dataset (inotify, via fs.watch on every dataset folder), this process
    // sends SIGKILL to the rack in the same callback. The upload inserts before it hands the repo to
    // the task (insert-then-send), so by then 19's rows are committed.
    const m2 = `${db}.m2`;
    const datasets = readdirSync(m2).flatMap((sled) => ['0', '1'].map((disk) => join(m2, sled, disk)));
    expect(datasets).toHaveLength(6);
    const of19 = new Set(hashes19);
    let firstCopy: string | undefined;
    const exited = new Promise((r) => child!.once('exit', r));
    const watchers = datasets.map((d) =>
      watch(d, (_, name) => {
        if (firstCopy === undefined && name && of19.has(name)) {
          child!.kill('SIGKILL');
          firstCopy = join(d, name);
        }
      }),
    );
    // The kill may come before the answer does; either way the outcome is not needed here.
    const put19 = new UpdateClient((u, init) => fetch(u, init)).uploadRepo(external[1].url!, repo19).then(
      (r) => r.status,
      (e: unknown) => `no answer: ${String(e)}`,
    );
    const bounded = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(r, 30_000, false))]);
    for (const w of watchers) w.close();
    expect(firstCopy, 'a copy of an artifact of 19 reached a sled (and the rack was killed)').toBeDefined();
    expect(bounded, 'the rack died within 30 s').toBe(true);
    await put19;

    // The sleds' datasets as the kill left them (nothing runs now): replication of 19 had begun
    // and was not finished, some sled still lacking some artifact of 19 on one M.2 or both.
    const copies = readdirSync(m2).map((sled) => hashes19.map((h) => ['0', '1'].filter((disk) => existsSync(join(m2, sled, disk, h))).length));
    const held = copies.flat().reduce((a, b) => a + b, 0);
    expect(held, 'copies of 19 on disk at the kill').toBeGreaterThan(0);
    expect(held, `replication was partial at the kill: ${held} of ${2 * 3 * hashes19.length} copies`).toBeLessThan(2 * 3 * hashes19.length);
    // The rows committed at the kill: read from the file between the kill and the restart (a dead
    // process commits nothing more; what it committed is in the WAL).
    const before = rowKeys(db);
    expect(before.tuf_repo).toHaveLength(2);

    const second = await startRack(dir, { sleds: 3, nexus: 2 });
    child = second.child;
    const after = rowKeys(db);
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(expect.arrayContaining(before[table]));
    expect(after.tuf_artifact).toHaveLength(before.tuf_artifact.length);
    // The sleds' M.2 datasets came back from disk: repo 18 is still everywhere, twice.
    const back = await sledLists(second.lines);
    expect(everyoneHoldsTwice(back, hashes('18.0.0'))).toBe(true);

    // Whatever of 19 reached a sled before the kill replicates from there; what did not was only in
    // the dead Nexus's memory. The operator uploads 19 again (already_exists) and the new task
    // holds it again.
    const again = await uploadRepo('--version', '19.0.0', '--artifacts', String(repo19.artifacts.length), '--rack-dir', dir, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'already_exists' });
    const all = [...hashes('18.0.0'), ...hashes19];
    // The kill can tear a PUT between the sled's two M.2 writes (in a typical run it landed right
    // there: one copy of 19 on disk, on one M.2), leaving that sled one copy short; the re-upload's
    // activation PUTs to the other sleds, and only a later, periodic activation re-copies to it
    // (omicron's `recopy` needs another sled to hold the artifact): 5 min scaled by 0.01 = 3 s.
    const converged = await awaitConverged(second.lines, all);
    expect(converged.map((l) => all.map((h) => l[h]))).toEqual(Array(3).fill(Array(all.length).fill(2)));

    const status = await fetch(`${second.lines.find((l) => l.api === 'nexus-external')!.url}/v1/system/update/status`);
    expect(await status.json()).toMatchObject({ target_release: null, components_by_release_version: { 'install dataset': 3 } });

    child.kill('SIGTERM');
    expect(await new Promise((r) => child!.once('exit', r))).toBe(0);
  }, 120_000);
});
