// The task's status (TufArtifactReplicationStatus) against the trace: every counter equals the
// number of requests of that kind the Nexus sent and their outcomes; the ring buffer holds one
// entry per counted request; the omdb view prints the counters.
import { describe, expect, it } from 'vitest';
import {
  SledAgentClient,
  TUF_TASK_NAME,
  showTufArtifactReplication,
  updatesPutRepository,
  type TufArtifactReplicationCounters,
  type TufArtifactReplicationStatus,
} from '../../nexus/index.js';
import { World, type TraceEvent } from '../../sim/index.js';
import { buildTufRack, scenarioRepo, type TufRack } from '../../scenarios/replication/tuf-rack.js';

/** Runs `body` on virtual time; the periodic tasks never let the queue drain, so stop when done. */
async function run<T>(w: World, body: () => Promise<T>): Promise<T> {
  let out: { v: T } | { e: unknown } | undefined;
  body().then(
    (v) => (out = { v }),
    (e) => (out = { e }),
  );
  await w.sched.run({ stop: () => out !== undefined, untilMs: w.now + 24 * 3600_000 });
  if (!out) throw new Error('body did not finish');
  if ('e' in out) throw out.e;
  return out.v;
}

function countersFromTrace(events: TraceEvent[], node: string): TufArtifactReplicationCounters & { delete_ok: number; delete_err: number } {
  const c = { put_config_ok: 0, put_config_err: 0, list_ok: 0, list_err: 0, put_ok: 0, put_err: 0, copy_ok: 0, copy_err: 0, delete_ok: 0, delete_err: 0 };
  const sent = new Map<number, keyof typeof c extends never ? never : string>();
  for (const ev of events) {
    if (ev.kind === 'http.sent' && ev.node === node) {
      const url = String(ev.url);
      const kind =
        ev.method === 'PUT' && url.endsWith('/artifacts-config')
          ? 'put_config'
          : ev.method === 'GET' && url.endsWith('/artifacts')
            ? 'list'
            : ev.method === 'PUT'
              ? 'put'
              : ev.method === 'POST' && url.includes('/copy-from-depot')
                ? 'copy'
                : ev.method === 'DELETE'
                  ? 'delete'
                  : undefined;
      if (kind) sent.set(ev.req as number, kind);
    } else if ((ev.kind === 'http.response' || ev.kind === 'http.failed') && sent.has(ev.req as number)) {
      const ok = ev.kind === 'http.response' && (ev.status as number) < 300;
      c[`${sent.get(ev.req as number)}_${ok ? 'ok' : 'err'}` as keyof typeof c]++;
    }
  }
  return c;
}

function status(t: TufRack, j: number): TufArtifactReplicationStatus {
  return t.rack.nexus[j].process.tasks.lastDetails<TufArtifactReplicationStatus>(TUF_TASK_NAME)!;
}

function sum(c: TufArtifactReplicationCounters): number {
  return Object.values(c).reduce((a: number, b) => a + (b ?? 0), 0);
}

describe('tuf_artifact_replication status', () => {
  it('generation design: lifetime counters match the requests in the trace; omdb shows them', async () => {
    const w = new World({ seed: 7, keepTrace: true, netLatency: { kind: 'uniform', min: 1, max: 10 } });
    const t = await run(w, async () => {
      const t = await buildTufRack(w, { sleds: 4, nexus: 2, design: 'generation' });
      const repo = scenarioRepo(7, '18.0.0', 3);
      const [a, b] = t.rack.nexus;
      const done = t.watch.completed(a);
      await updatesPutRepository(a.process, repo);
      await done;
      await w.sched.sleep(10_000);
      await t.watch.activateAndWait(a);
      await t.watch.activateAndWait(b);
      return t;
    });
    const events = w.trace.lines!.map((l) => JSON.parse(l) as TraceEvent);
    for (let j = 0; j < 2; j++) {
      const s = status(t, j);
      const { delete_ok, delete_err, ...expected } = countersFromTrace(events, `nexus-${j}`);
      expect(delete_ok + delete_err).toBe(0);
      expect(s.lifetime_counters).toEqual(expected);
      expect(s.request_debug_ringbuf).toHaveLength(sum(s.lifetime_counters));
      expect(s.generation).toBe(2);
      expect(s.local_repos).toBe(0);
    }
    // The uploader PUT each of 3 artifacts to 3 sleds and had the 4th sled copy after the PUTs.
    expect(status(t, 0).lifetime_counters).toMatchObject({ put_ok: 9, put_err: 0, copy_ok: 3, copy_err: 0 });
    const text = showTufArtifactReplication(t.rack.nexus[0].process.tasks.view(TUF_TASK_NAME)!, w.now);
    expect(text).toContain('task: "tuf_artifact_replication"');
    expect(text).toContain('  configured period: every 5m');
    expect(text).toMatch(/\n {4}last run:\n {6}put config ok:  +4\n {6}put config err: +0\n {6}list ok: +4\n/);
    expect(text).toMatch(/\n {4}lifetime:\n {6}put config ok: +\d+\n/);
    expect(text).toContain('        operation: PutConfig { generation: Generation(2) }');
    expect(text).toMatch(/\n {4}local repos: 0\n$/);
    w.close();
  });

  it('v1-delete design: DELETEs what the DB does not list, and counts them', async () => {
    const w = new World({ seed: 8, keepTrace: true });
    const junk = new TextEncoder().encode('not in any repo');
    const { createHash } = await import('node:crypto');
    const junkSha = createHash('sha256').update(junk).digest('hex');
    const t = await run(w, async () => {
      const t = await buildTufRack(w, { sleds: 3, nexus: 1, design: 'v1-delete' });
      const p = t.rack.nexus[0].process;
      const rows = w.sql.prepare('SELECT id, ip, port, repo_depot_port FROM sled ORDER BY id').all() as Array<{ id: string; ip: string; port: number; repo_depot_port: number }>;
      for (const row of rows.slice(0, 2)) await new SledAgentClient(p.fetch, row).artifactPut(junkSha, undefined, junk);
      await t.watch.activateAndWait(t.rack.nexus[0]);
      return t;
    });
    const s = status(t, 0);
    const fromTrace = countersFromTrace(w.trace.lines!.map((l) => JSON.parse(l)), 'nexus-0');
    // The test itself PUT the junk artifact to two sleds from nexus-0's node: not the task's.
    expect(s.lifetime_counters).toEqual({ ...fromTrace, put_ok: fromTrace.put_ok - 2 });
    expect(s.last_run_counters).toMatchObject({ list_ok: 3, delete_ok: 2, delete_err: 0 });
    for (const sled of t.rack.sleds) expect(sled.holdings().has(junkSha)).toBe(false);
    expect(showTufArtifactReplication(t.rack.nexus[0].process.tasks.view(TUF_TASK_NAME)!, w.now)).toMatch(/delete ok: +2\n/);
    w.close();
  });
});
