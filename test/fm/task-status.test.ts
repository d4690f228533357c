// The FM tasks' status shapes as the lockstep API serves them (GET /bgtasks/view/{name}).
import { describe, expect, it } from 'vitest';
import { FM_RENDEZVOUS, FM_SITREP_GC, FM_SITREP_LOAD, NEXUS_LOCKSTEP_PORT } from '../../nexus/index.js';
import { diagnose, fmPlugins, injectEreport } from '../../scenarios/fm-support.js';
import { Rack } from '../../scenarios/rack.js';
import { world } from '../support/world.js';

describe('FM background-task status', () => {
  it('serves SitrepLoadStatus, FmRendezvousStatus and SitrepGcStatus through the lockstep API', async () => {
    const w = world({ keepTrace: false });
    let out: Record<string, any> | undefined;
    const body = async () => {
      const rack = await Rack.build(w, { sleds: 0, nexus: 1, register: false, plugins: fmPlugins('metadata-last', 'generation-marker') });
      const n = rack.nexus[0];
      const ids = w.rng.fork('ids');
      injectEreport(w, ids, { serial: 'disk-0' });
      // A resolution with no fault opens no case: no sitrep includes it, so it stays unmarked.
      injectEreport(w, ids, { serial: 'disk-9', resolved: true });
      await diagnose(w, n, 0);
      n.process.tasks.activate(FM_SITREP_GC);
      await w.sched.sleep(1_000);
      const client = w.addNode('operator', 'fd00:1122:3344:1::99');
      const view = async (name: string) => (await (await client.fetch(`http://[${n.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}/bgtasks/view/${name}`)).json()) as any;
      const got: Record<string, any> = { load: await view(FM_SITREP_LOAD), rdv: await view(FM_RENDEZVOUS), gc: await view(FM_SITREP_GC) };
      got.marked = w.sql.prepare('SELECT part_serial, marked_seen_in FROM ereport ORDER BY part_serial').all();
      got.current = (w.sql.prepare('SELECT sitrep_id FROM fm_sitrep_history ORDER BY version DESC LIMIT 1').get() as { sitrep_id: string }).sitrep_id;
      // One op's DB error lands in that op's details; the others still report.
      w.sql.exec('ALTER TABLE ereport RENAME TO ereport_gone');
      n.process.tasks.activate(FM_RENDEZVOUS);
      await w.sched.sleep(1_000);
      got.rdvFailed = await view(FM_RENDEZVOUS);
      out = got;
    };
    body().catch((e) => (out = { error: e }));
    await w.sched.run({ untilMs: w.now + 3_600_000, stop: () => out !== undefined });
    expect(out?.error).toBeUndefined();
    expect(out!.load.last.details.details).toMatchObject({ Loaded: { version: { version: 1 } } });
    const rdv = out!.rdv.last.details.details;
    expect(Object.keys(rdv).sort()).toEqual(['alert_marker_gc', 'alerts', 'ereport_marking', 'sitrep_id', 'support_bundle_marker_gc', 'support_bundles']);
    expect(Object.keys(rdv.alerts.result)).toEqual(['Executed']);
    expect(rdv.alerts.details).toMatchObject({ total_alerts_requested: 1, current_sitrep_alerts_requested: 1, stale_sitrep: false, errors: [] });
    expect(rdv.support_bundle_marker_gc.result).toBe('Skipped');
    expect(out!.gc.last.details.details).toMatchObject({ orphaned_sitreps_deleted: expect.any(Number), sitrep_metadata_batches: 1, batch_size: 1000, errors: [] });
    expect(Object.keys(out!.gc.last.details.details.child_tables).sort()).toEqual(['fm_alert_request', 'fm_case', 'fm_support_bundle_request']);
    expect(out!.marked).toEqual([
      { part_serial: 'disk-0', marked_seen_in: out!.current },
      { part_serial: 'disk-9', marked_seen_in: null },
    ]);
    const failed = out!.rdvFailed.last.details.details;
    expect(failed.ereport_marking).toMatchObject({ result: { Executed: expect.any(Object) }, details: { ereports_marked_seen: 0, errors: [expect.stringMatching(/no such table: ereport/)] } });
    expect(failed.alerts.details).toMatchObject({ alerts_already_existed: 1, errors: [] });
    w.close();
  });
});
