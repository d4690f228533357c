// omicron fm_rendezvous.rs `actually_activate`: when a guarded create finds the loaded sitrep
// stale, the sitrep loader is poked once every op has finished (`stale_sitrep_detected`), not from
// inside the alert op. The loader itself reads once: the poke is how a stale Nexus catches up.
import { describe, expect, it } from 'vitest';
import { FM_RENDEZVOUS, FM_SITREP_LOAD, fmState } from '../../nexus/index.js';
import type { TraceEvent } from '../../sim/index.js';
import { activateAll, diagnose, fmPlugins, injectEreport } from '../../scenarios/fm-support.js';
import { Rack } from '../../scenarios/rack.js';
import { untilSettled, world } from '../support/world.js';

describe('fm_rendezvous stale-sitrep poke', () => {
  it('activates the loader after every op of the pass finished', async () => {
    const w = world({ keepTrace: false });
    const events: TraceEvent[] = [];
    w.trace.subscribe((ev) => void events.push(ev));
    await untilSettled(w, async () => {
      const rack = await Rack.build(w, { sleds: 0, nexus: 2, register: false, plugins: fmPlugins('metadata-last', 'generation-marker') });
      const [stale, fresh] = rack.nexus;
      const ids = w.rng.fork('ids');
      injectEreport(w, ids, { serial: 'disk-0' });
      await diagnose(w, stale, 0);
      activateAll(rack.nexus, FM_SITREP_LOAD);
      await w.sched.sleep(1_000);
      // A new case changes the alert request set (generation 2); only `fresh` loads it.
      injectEreport(w, ids, { serial: 'disk-1' });
      await diagnose(w, fresh);
      expect(fmState(stale.process).loaded?.version.version).toBe(1);
      // Slow statements for `stale`, so its ops overlap in time.
      w.dbLatency.setSlow(stale.name, { kind: 'uniform', min: 50, max: 200 });
      const from = events.length;
      stale.process.tasks.activate(FM_RENDEZVOUS);
      await w.sched.sleep(5_000);
      const all = events.slice(from).filter((e) => e.node === stale.name);
      // The first pass only (the poked loader's publish starts a second one).
      const mine = all.slice(0, all.findIndex((e) => e.kind === 'bgtask.completed' && e.task === FM_RENDEZVOUS) + 1);
      const staleInsert = mine.findIndex((e) => e.kind === 'db.tx' && e.label === 'fm_rendezvous_alert_create');
      const lastOp = mine.findLastIndex((e) => 'label' in e && (e.label === 'rendezvous_alert_marker_gc' || e.label === 'ereport_mark_seen'));
      const poke = mine.findIndex((e) => e.kind === 'bgtask.started' && e.task === 'fm_sitrep_loader' && e.reason === 'signaled');
      expect(staleInsert).toBeGreaterThanOrEqual(0);
      expect(lastOp).toBeGreaterThan(staleInsert); // the other ops were still running after it
      expect(poke).toBeGreaterThan(lastOp);
      expect(fmState(stale.process).loaded?.version.version).toBe(2);
      for (const n of rack.nexus) n.crash();
    });
    w.close();
  });
});
