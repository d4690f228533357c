// fm_rendezvous (300 s): make the loaded sitrep's requests real. Five ops run concurrently, as
// omicron spawns them: create alerts, create support bundles, mark ereports seen, alert marker GC,
// support-bundle marker GC. A StaleSitrep outcome aborts alert creation; once every op finished,
// the loader is poked. The tombstone design runs PR #10368's activation instead (tombstoneActivate).
import type { Db, TraceFn } from '../../../sim/index.js';
import { iso } from '../../db/time.js';
import type { NexusProcess } from '../../process.js';
import { fmRendezvousAlertCreate } from '../alert-insert.js';
import { alertMarkerGc } from '../marker-gc.js';
import { fmSupportBundleCreate } from '../support-bundle.js';
import { fmRendezvousProgressAdvance, fmTombstoneSweep } from '../tombstone.js';
import { fmState } from '../state.js';
import type {
  AlertCreationStatus,
  AlertDesign,
  EreportMarkingStatus,
  FmRendezvousStatus,
  LoadedSitrep,
  MarkerGcStatus,
  OpStatus,
  SupportBundleCreationStatus,
} from '../types.js';
import { q } from '../stmt.js';
import { FM_SITREP_LOAD } from './names.js';

export const FM_RENDEZVOUS_PERIOD_MS = 300_000;
/** omicron's SQL_BATCH_SIZE, the batch size of ereport marking. */
const EREPORT_MARK_BATCH_SIZE = 1000;

const skipped = <D>(details: D): OpStatus<D> => ({ result: 'Skipped', details });

export async function rendezvousActivate(p: NexusProcess): Promise<FmRendezvousStatus> {
  const st = fmState(p);
  const loaded = st.loaded;
  const gcIdle: MarkerGcStatus = { rows_deleted: 0, batches: 0, errors: [] };
  if (!loaded) {
    return {
      sitrep_id: null,
      alerts: skipped(emptyAlerts()),
      support_bundles: skipped(emptyBundles()),
      ereport_marking: skipped(emptyMarking()),
      alert_marker_gc: skipped(gcIdle),
      support_bundle_marker_gc: skipped(gcIdle),
    };
  }
  const design = st.opts.alertDesign;
  if (design === 'tombstone') return tombstoneActivate(p, loaded, gcIdle);
  const [alerts, support_bundles, ereport_marking, alert_marker_gc] = await Promise.all([
    timed(p, () => createAlerts(p, design, loaded), (e) => ({ ...emptyAlerts(), errors: [e] })),
    timed(p, () => createSupportBundles(p, design, loaded), (e) => ({ ...emptyBundles(), errors: [e] })),
    timed(p, () => markEreportsSeen(p.db, loaded), (e) => ({ ...emptyMarking(), errors: [e] })),
    design === 'naive'
      ? Promise.resolve(skipped(gcIdle))
      : timed(p, () => alertMarkerGc(p.db, loaded.sitrep.metadata.id, loaded.sitrep.metadata.alert_generation), (e) => ({ ...gcIdle, errors: [e] })),
  ]);
  // Deviation: bundles are created without markers here, so their marker GC has nothing to do.
  const support_bundle_marker_gc = skipped(gcIdle);
  const status: FmRendezvousStatus = { sitrep_id: loaded.sitrep.metadata.id, alerts, support_bundles, ereport_marking, alert_marker_gc, support_bundle_marker_gc };
  // omicron `actually_activate`: the loader is poked once every op has finished, if a guarded
  // create saw that our sitrep is stale (`stale_sitrep_detected`), not at the moment it saw it.
  if (alerts.details.stale_sitrep || support_bundles.details.stale_sitrep) p.tasks.activate(FM_SITREP_LOAD);
  traceDone(p, status);
  return status;
}

/** PR #10368's `actually_activate` (branch a14affff83): three ops (no marker tables), then the
 * tracker advance to this sitrep's version, only if no op recorded an error (a stale-sitrep skip
 * is not an error), then the tombstone sweeps of alerts and support bundles, which run whether or
 * not the advance happened; their errors are only logged. The branch does not poke the loader. */
async function tombstoneActivate(p: NexusProcess, loaded: LoadedSitrep, gcIdle: MarkerGcStatus): Promise<FmRendezvousStatus> {
  const [alerts, support_bundles, ereport_marking] = await Promise.all([
    timed(p, () => createAlerts(p, 'tombstone', loaded), (e) => ({ ...emptyAlerts(), errors: [e] })),
    timed(p, () => createSupportBundles(p, 'tombstone', loaded), (e) => ({ ...emptyBundles(), errors: [e] })),
    timed(p, () => markEreportsSeen(p.db, loaded), (e) => ({ ...emptyMarking(), errors: [e] })),
  ]);
  const anyErrors = [alerts.details.errors, support_bundles.details.errors, ereport_marking.details.errors].some((e) => e.length > 0);
  let latest: number | null = null;
  if (!anyErrors) {
    try {
      latest = await fmRendezvousProgressAdvance(p.db, loaded.version.version);
    } catch (err) {
      p.trace('fm.rendezvous.advance_failed', { error: String(err) });
    }
  }
  // Sweep events are DB facts: emitted even if this incarnation has since died.
  const emit: TraceFn = (kind, data) => p.ctx.trace(kind, data);
  for (const table of ['alert', 'support_bundle'] as const) {
    try {
      await fmTombstoneSweep(p.db, table, emit);
    } catch (err) {
      p.trace('fm.tombstone.sweep_failed', { table, error: String(err) });
    }
  }
  const status: FmRendezvousStatus = {
    sitrep_id: loaded.sitrep.metadata.id,
    alerts,
    support_bundles,
    ereport_marking,
    alert_marker_gc: skipped(gcIdle),
    support_bundle_marker_gc: skipped(gcIdle),
    latest_processed_sitrep_version: latest,
  };
  traceDone(p, status);
  return status;
}

function traceDone(p: NexusProcess, s: FmRendezvousStatus): void {
  p.trace('fm.rendezvous.done', {
    sitrep_id: s.sitrep_id,
    alerts_created: s.alerts.details.alerts_created,
    stale_sitrep: s.alerts.details.stale_sitrep,
    errors: [...s.alerts.details.errors, ...s.support_bundles.details.errors, ...s.ereport_marking.details.errors, ...s.alert_marker_gc.details.errors].length,
    ...(s.latest_processed_sitrep_version !== undefined ? { latest_processed_sitrep_version: s.latest_processed_sitrep_version } : {}),
  });
}

/** Runs one op; an error it throws lands in that op's own `details.errors`, as a failed spawned
 * op does in omicron, instead of failing the whole activation. */
async function timed<D>(p: NexusProcess, op: () => Promise<D>, failed: (message: string) => D): Promise<OpStatus<D>> {
  const start = iso(p.clock.now());
  let details: D;
  try {
    details = await op();
  } catch (err) {
    details = failed(err instanceof Error ? err.message : String(err));
  }
  return { result: { Executed: { start, end: iso(p.clock.now()) } }, details };
}

function emptyAlerts(): AlertCreationStatus {
  return { total_alerts_requested: 0, current_sitrep_alerts_requested: 0, alerts_created: 0, alerts_already_existed: 0, stale_sitrep: false, errors: [] };
}

function emptyMarking(): EreportMarkingStatus {
  return { batch_size: EREPORT_MARK_BATCH_SIZE, batches: 0, total_ereports_in_sitrep: 0, ereports_not_marked_in_sitrep: 0, ereports_marked_seen: 0, errors: [] };
}

function emptyBundles(): SupportBundleCreationStatus {
  return { total_bundles_requested: 0, current_sitrep_bundles_requested: 0, bundles_created: 0, bundles_already_existed: 0, stale_sitrep: false, errors: [] };
}

async function createAlerts(p: NexusProcess, design: AlertDesign, l: LoadedSitrep): Promise<AlertCreationStatus> {
  const m = l.sitrep.metadata;
  const st = emptyAlerts();
  st.total_alerts_requested = l.sitrep.alert_requests.length;
  st.current_sitrep_alerts_requested = l.sitrep.alert_requests.filter((r) => r.requested_sitrep_id === m.id).length;
  for (const req of l.sitrep.alert_requests) {
    try {
      const out = await fmRendezvousAlertCreate(p.db, design, {
        req,
        caseId: req.case_id,
        sitrepId: m.id,
        sitrepVersion: l.version.version,
        alertGeneration: m.alert_generation,
        now: iso(p.clock.now()),
      });
      if (out === 'Created') {
        st.alerts_created++;
        p.trace('fm.alert.created', { alert_id: req.id, sitrep_id: m.id, version: l.version.version, design });
      } else if (out === 'AlreadyExists') st.alerts_already_existed++;
      else {
        st.stale_sitrep = true;
        // omicron aborts the loop on a stale sitrep; PR #10368's branch counts the skip and goes on.
        if (design !== 'tombstone') break;
      }
    } catch (err) {
      st.errors.push(`alert ${req.id}: ${String(err)}`);
    }
  }
  return st;
}

async function createSupportBundles(p: NexusProcess, design: AlertDesign, l: LoadedSitrep): Promise<SupportBundleCreationStatus> {
  const st: SupportBundleCreationStatus = {
    ...emptyBundles(),
    total_bundles_requested: l.sitrep.support_bundle_requests.length,
    current_sitrep_bundles_requested: l.sitrep.support_bundle_requests.filter((r) => r.requested_sitrep_id === l.sitrep.metadata.id).length,
  };
  for (const req of l.sitrep.support_bundle_requests) {
    try {
      const out = await fmSupportBundleCreate(p.db, design, { req, sitrepVersion: l.version.version, nexusId: p.id, now: iso(p.clock.now()) });
      if (out === 'Created') {
        st.bundles_created++;
        p.trace('fm.support_bundle.created', { bundle_id: req.id, sitrep_id: l.sitrep.metadata.id, version: l.version.version });
      } else if (out === 'AlreadyExists') st.bundles_already_existed++;
      else st.stale_sitrep = true;
    } catch (err) {
      st.errors.push(`support bundle ${req.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return st;
}

/** Marks the executing sitrep's ereports seen. Deviation: omicron records which ereports a
 * sitrep's cases include (fm_ereport_in_case) and marks them in batches; this model has no such
 * table, so a case's ereports are those on its part (the case's comment is its key,
 * `de:part_serial`, see builder.ts), counted and marked in one statement (one batch). A report
 * that arrived for an open case's part after diagnosis is marked too. */
async function markEreportsSeen(db: Db, l: LoadedSitrep): Promise<EreportMarkingStatus> {
  const keys = JSON.stringify(l.sitrep.cases.map((c) => c.comment));
  const inCase = "(de || ':' || part_serial) IN (SELECT value FROM json_each(?))";
  return db.step('ereport_mark_seen', (sql) => {
    const { total, unmarked } = q(sql, `SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE marked_seen_in IS NULL) AS unmarked FROM ereport WHERE ${inCase}`).get(keys) as {
      total: number;
      unmarked: number;
    };
    const n = q(sql, `UPDATE ereport SET marked_seen_in = ? WHERE marked_seen_in IS NULL AND ${inCase}`).run(l.sitrep.metadata.id, keys).changes;
    return { ...emptyMarking(), batches: unmarked > 0 ? 1 : 0, total_ereports_in_sitrep: total, ereports_not_marked_in_sitrep: unmarked, ereports_marked_seen: n };
  });
}
