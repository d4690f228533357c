// fm_sitrep_load reads once per activation (omicron fm_sitrep_load.rs `load_if_needed`): when the
// current sitrep's rows are gone by the time it reads them (NotFound), the activation is an Error
// and the previously loaded sitrep stays published; the next activation loads the newer one.
import { describe, expect, it } from 'vitest';
import { fmState, type SitrepLoadStatus } from '../../nexus/index.js';
import { sitrepLoadActivate } from '../../nexus/fm/tasks/sitrep-load.js';
import type { TraceEvent } from '../../sim/index.js';
import { diagnose, fmPlugins, injectEreport } from '../../scenarios/fm-support.js';
import { Rack } from '../../scenarios/rack.js';
import { untilSettled, world } from '../support/world.js';

describe('fm_sitrep_load without retry', () => {
  it('a NotFound is a task error, keeps the old sitrep, and reads the version once', async () => {
    const w = world({ keepTrace: false });
    const events: TraceEvent[] = [];
    w.trace.subscribe((ev) => void events.push(ev));
    const got: { statuses: SitrepLoadStatus[]; loaded: (number | undefined)[]; versionReads: number } = { statuses: [], loaded: [], versionReads: 0 };
    await untilSettled(w, async () => {
      const rack = await Rack.build(w, { sleds: 0, nexus: 1, register: false, plugins: fmPlugins('metadata-last', 'generation-marker') });
      const n = rack.nexus[0];
      const ids = w.rng.fork('ids');
      injectEreport(w, ids, { serial: 'disk-0' });
      await diagnose(w, n, 0);
      // Let the tasks the commit and the publish set off finish (the loader's period is 15 s).
      await w.sched.sleep(5_000);
      const v1 = fmState(n.process).loaded!.version.version;
      // (Same alert_generation as v1: no rendezvous stale-sitrep poke runs the real task meanwhile.)
      // A newer sitrep is made current, but its metadata row is gone when the loader reads it
      // (as if pruned and collected between the loader's version read and its row reads).
      const s1 = fmState(n.process).loaded!.sitrep.metadata.id;
      w.sql.prepare("INSERT INTO fm_sitrep (id, parent_sitrep_id, inv_collection_id, time_created, creator_id, comment, alert_generation, support_bundle_generation) VALUES ('s2', ?, 'inv', 't', 'n', 'c', 1, 1)").run(s1);
      w.sql.prepare("INSERT INTO fm_sitrep_history (version, sitrep_id, time_made_current) VALUES (?, 's2', 't')").run(v1 + 1);
      w.sql.prepare("DELETE FROM fm_sitrep WHERE id = 's2'").run();
      const from = events.length;
      got.statuses.push(await sitrepLoadActivate(n.process));
      got.loaded.push(fmState(n.process).loaded?.version.version);
      got.versionReads = events.slice(from).filter((e) => e.kind === 'db.step' && e.label === 'fm_current_sitrep_version').length;
      // The rows come back (a later sitrep, say): the next activation loads it.
      w.sql.prepare("INSERT INTO fm_sitrep (id, parent_sitrep_id, inv_collection_id, time_created, creator_id, comment, alert_generation, support_bundle_generation) VALUES ('s2', ?, 'inv', 't', 'n', 'c', 1, 1)").run(s1);
      got.statuses.push(await sitrepLoadActivate(n.process));
      got.loaded.push(fmState(n.process).loaded?.version.version);
      n.crash();
    });
    expect(got.statuses[0]).toMatchObject({ Error: expect.stringMatching(/failed to read current sitrep s2 \(v2\)/) });
    expect(got.loaded).toEqual([1, 2]);
    expect(got.versionReads).toBe(1);
    expect(got.statuses[1]).toMatchObject({ Loaded: { version: { version: 2 } } });
    w.close();
  });
});
