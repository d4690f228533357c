// The live rack end to end: `pnpm rack up` as a child process, the demo-saga story walked through
// `pnpm omdb` (create on Nexus 2, list, restart Nexus 2, saga_recovery recovers it, complete, the
// saga succeeds), and every server bound to ::1 only (read from the kernel's /proc/net/tcp6).
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scenarios/live/ports.js';
import { demoCompleteFailed } from '../support/omdb-demo-complete.js';
import { startRack, stopRacks } from './rack-process.js';

const run = promisify(execFile);
const hasIpv6Loopback = await freePort().then(
  () => true,
  () => false,
);
if (!hasIpv6Loopback) console.warn('live-rack test skipped: this machine has no IPv6 loopback (::1)');

async function omdb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('pnpm', ['-s', 'omdb', ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Ports in LISTEN state and the address each is bound to, from /proc/net/tcp6 and tcp. */
function listeners(): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const f of ['/proc/net/tcp6', '/proc/net/tcp']) {
    if (!existsSync(f)) continue;
    for (const l of readFileSync(f, 'utf8').split('\n').slice(1)) {
      const cols = l.trim().split(/\s+/);
      if (cols[3] !== '0A') continue;
      const [addr, port] = cols[1].split(':');
      const p = parseInt(port, 16);
      out.set(p, [...(out.get(p) ?? []), addr]);
    }
  }
  return out;
}
const IPV6_LOOPBACK_HEX = '00000000000000000000000001000000';

const lockstep = (lines: Awaited<ReturnType<typeof startRack>>['lines'], node: string) => lines.find((s) => s.node === node && s.api === 'nexus-lockstep')!.url!;

/** Polls `show saga_recovery` on a Nexus until it names the saga. */
async function awaitRecovered(url: string, sagaId: string): Promise<string> {
  let show = '';
  for (let i = 0; i < 40 && !show.includes(sagaId); i++) {
    await new Promise((r) => setTimeout(r, 500));
    show = (await omdb('nexus', '--nexus-internal-url', url, 'background-tasks', 'show', 'saga_recovery')).stdout;
  }
  return show;
}

describe.skipIf(!hasIpv6Loopback)('live rack on ::1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rack-live-'));
  let child: ChildProcess | undefined;

  afterAll(async () => {
    await stopRacks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('bad flags exit 2', async () => {
    const r = await run('pnpm', ['-s', 'rack', 'up', '--sleds', 'x'], { timeout: 60_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sleds');
  }, 90_000);

  it('walks the demo saga through a Nexus restart, over real HTTP', async () => {
    const started = await startRack(dir);
    child = started.child;
    const lines = started.lines;
    const services = lines.filter((l) => l.kind === 'service');
    expect(services.map((s) => s.api).sort()).toEqual([...Array(3).fill(['nexus-external', 'nexus-internal', 'nexus-lockstep']).flat(), ...Array(2).fill(['repo-depot', 'sled-agent']).flat()].sort());
    expect(readFileSync(join(dir, 'services.json'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual(lines);

    // Every server listens on ::1 and nowhere else.
    const bound = listeners();
    for (const s of services) {
      expect(s.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect(bound.get(Number(new URL(s.url!).port))).toEqual([IPV6_LOOPBACK_HEX]);
    }

    const nexus2 = services.find((s) => s.node === 'nexus-2' && s.api === 'nexus-lockstep')!.url!;
    const created = await omdb('-w', 'nexus', '--nexus-internal-url', nexus2, 'sagas', 'demo-create');
    expect(created.code).toBe(0);
    const sagaId = /saga id:\s+(\S+)/.exec(created.stdout)![1];
    const demoId = /demo saga id:\s+(\S+)/.exec(created.stdout)![1];
    expect((await omdb('nexus', '--nexus-internal-url', nexus2, 'sagas', 'list')).stdout).toMatch(new RegExp(`${sagaId}\\s+running`));

    const control = lines.find((l) => l.kind === 'control')!.url!;
    expect((await fetch(`${control}/nexus/2/restart`, { method: 'POST' })).status).toBe(200);

    // The new process has nothing in memory; saga_recovery, which runs at boot, reads the saga
    // back from the DB and resumes it.
    let show = '';
    for (let i = 0; i < 40 && !show.includes(sagaId); i++) {
      await new Promise((r) => setTimeout(r, 500));
      show = (await omdb('nexus', '--nexus-internal-url', nexus2, 'background-tasks', 'show', 'saga_recovery')).stdout;
    }
    // Since it started (a later periodic pass finds it running and skips it).
    expect(show).toMatch(/sagas recovered: +1\n/);
    expect(show).toContain(sagaId);

    let done = await omdb('-w', 'nexus', '--nexus-internal-url', nexus2, 'sagas', 'demo-complete', demoId);
    for (let i = 0; i < 20 && done.code !== 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      done = await omdb('-w', 'nexus', '--nexus-internal-url', nexus2, 'sagas', 'demo-complete', demoId);
    }
    expect(done.code).toBe(0);
    let list = '';
    for (let i = 0; i < 20 && !/succeeded/.test(list); i++) {
      list = (await omdb('nexus', '--nexus-internal-url', nexus2, 'sagas', 'list')).stdout;
      if (!/succeeded/.test(list)) await new Promise((r) => setTimeout(r, 500));
    }
    expect(list).toMatch(new RegExp(`${sagaId}\\s+succeeded`));

    // Fault management runs live too, on the wall clock (fm_config_loader: 15 s scaled by 0.01, as configured,
    // and once at boot): omdb prints its status with omdb's FM printer, and the config it serves.
    const fm = await omdb('nexus', '--nexus-internal-url', nexus2, 'background-tasks', 'show', 'fm_config_loader');
    expect(fm.stdout).toMatch(/^task: "fm_config_loader"\n  configured period: every 150ms\n[^]*\n  last completed activation: iter \d+, [^]*\n    current config:\n      source:                    default\n      analysis enabled:          true \(default\)\n/);
    const set = await omdb('-w', 'nexus', '--nexus-internal-url', nexus2, 'fm-config', 'set', '--sitrep-limit', '3000', '--comment', 'live');
    expect(set.stdout).toBe('fault management config updated to version 1:\n  analysis enabled:          true (default)\n  sitrep limit:              3000 (overriden)\n  history pruning threshold: 2000 (default)\n\n');
    expect((await omdb('nexus', '--nexus-internal-url', nexus2, 'fm-config', 'current')).stdout).toMatch(
      /^current fault management configuration:\n  source:                    version 1\n    modified at:             \S+\n    comment:                 *\n      live\n  analysis enabled:          true \(default\)\n  sitrep limit:              3000 \(overriden\)\n/,
    );

    // An id this Nexus does not know (the saga id, not the demo saga id): Nexus answers 404 and
    // omdb prints progenitor's ErrorResponse, whole; only the request id and the date vary.
    const wrong = await omdb('-w', 'nexus', '--nexus-internal-url', nexus2, 'sagas', 'demo-complete', sagaId);
    const requestId = /"x-request-id": "([^"]+)"/.exec(wrong.stderr)?.[1] ?? 'none';
    const redacted = wrong.stderr.replaceAll(sagaId, 'SAGA_ID').replaceAll(`"${requestId}"`, '"REQUEST_ID"').replace(/"date": "[^"]+"/g, '"date": "DATE"').replace(/"content-length": "\d+"/g, '"content-length": "LEN"');
    const cause =
      'Error Response: status: 404 Not Found; headers: {"content-type": "application/json", "x-request-id": "REQUEST_ID", "content-length": "LEN", "date": "DATE"}; ' +
      'value: Error { error_code: Some("Not Found"), message: "demo saga with demo saga id SAGA_ID (demo_saga)", request_id: "REQUEST_ID" }';
    expect({ code: wrong.code, stdout: wrong.stdout, stderr: redacted }).toEqual({
      code: 1,
      stdout: '',
      stderr: [...demoCompleteFailed(nexus2, [cause]), ''].join('\n'),
    });
    expect(JSON.parse(/"content-length": "(\d+)"/.exec(wrong.stderr)![1])).toBeGreaterThan(0);

    // `omdb db ...` names the database it reads first, on stderr, as omdb's DbUrlOptions::connect.
    const running = await omdb('--db', join(dir, 'rack.sqlite'), 'db', 'saga', 'running');
    expect(running.code).toBe(0);
    expect(running.stderr).toBe(`note: using database URL ${pathToFileURL(join(dir, 'rack.sqlite')).href}\n`);

    // SIGTERM stops every server and closes the DB (WAL checkpointed away).
    child.kill('SIGTERM');
    const code = await new Promise((r) => child!.once('exit', r));
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'rack.sqlite-wal'))).toBe(false);
    const down = await omdb('nexus', '--nexus-internal-url', nexus2, 'sagas', 'list');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`Error: listing sagas\n\nCaused by:\n    0: Communication Error: error sending request for url (${nexus2}/sagas)\n`);
    expect(down.stderr).toContain('    4: Connection refused (os error 111)\n');
  }, 240_000);

  it('kill -9, then rack up on the same file: every row is back and saga recovery resumes', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'rack-live-'));
    try {
      const first = await startRack(dir2);
      child = first.child;
      const created = await omdb('-w', 'nexus', '--nexus-internal-url', lockstep(first.lines, 'nexus-2'), 'sagas', 'demo-create');
      expect(created.code, created.stderr).toBe(0);
      const sagaId = /saga id:\s+(\S+)/.exec(created.stdout)![1];
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));

      const second = await startRack(dir2);
      child = second.child;
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(join(dir2, 'rack.sqlite'), { readonly: true });
      expect((db.prepare('SELECT COUNT(*) AS n FROM sled').get() as { n: number }).n).toBe(2);
      db.close();
      const show = await awaitRecovered(lockstep(second.lines, 'nexus-2'), sagaId);
      expect(show).toContain(sagaId);
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  }, 120_000);
});
