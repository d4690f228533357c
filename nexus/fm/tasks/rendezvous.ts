// fm_rendezvous (300 s): make the loaded sitrep's requests real. Five ops run concurrently, as
// omicron spawns them: create alerts, create support bundles, mark ereports seen, alert marker GC,
// support-bundle marker GC. A StaleSitrep outcome aborts alert creation and activates the loader.
// The tombstone design additionally advances its single progress tracker when every op completed
// without error, and collects tombstones in place of marker GC.
import type { Db } from '../../../sim/index.js';
import { iso } from '../../db/time.js';
import type { NexusProcess } from '../../process.js';
import { fmRendezvousAlertCreate } from '../alert-insert.js';
import { advanceProgress, alertMarkerGc, tombstoneGc } from '../marker-gc.js';
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

const skipped = <D>(details: D): OpStatus<D> => ({ result: { kind: 'Skipped' }, details });

export async function rendezvousActivate(p: NexusProcess): Promise<FmRendezvousStatus> {
  const st = fmState(p);
  const loaded = st.loaded;
  const gcIdle: MarkerGcStatus = { rows_deleted: 0, batches: 0, errors: [] };
  if (!loaded) {
    return {
      sitrep_id: null,
      alerts: skipped(emptyAlerts()),
      support_bundles: skipped(emptyBundles()),
      ereport_marking: skipped({ ereports_marked: 0, errors: [] }),
      alert_marker_gc: skipped(gcIdle),
      support_bundle_marker_gc: skipped(gcIdle),
    };
  }
  const design = st.opts.alertDesign;
  const [alerts, support_bundles, ereport_marking, alert_marker_gc] = await Promise.all([
    timed(p, () => createAlerts(p, design, loaded), (e) => ({ ...emptyAlerts(), errors: [e] })),
    timed(p, () => createSupportBundles(p, loaded), (e) => ({ ...emptyBundles(), errors: [e] })),
    timed(p, () => markEreportsSeen(p.db, loaded), (e) => ({ ereports_marked: 0, errors: [e] })),
    design === 'naive'
      ? Promise.resolve(skipped(gcIdle))
      : timed(
          p,
          () => (design === 'tombstone' ? tombstoneGc(p.db) : alertMarkerGc(p.db, loaded.sitrep.metadata.id, loaded.sitrep.metadata.alert_generation)),
          (e) => ({ ...gcIdle, errors: [e] }),
        ),
  ]);
  // Deviation: bundles are created without markers here, so their marker GC has nothing to do.
  const support_bundle_marker_gc = skipped(gcIdle);
  const status: FmRendezvousStatus = { sitrep_id: loaded.sitrep.metadata.id, alerts, support_bundles, ereport_marking, alert_marker_gc, support_bundle_marker_gc };
  if (design === 'tombstone' && allSucceeded(status)) await advanceProgress(p.db, loaded.version.version, loaded.sitrep.metadata.id);
  p.trace('fm.rendezvous.done', {
    sitrep_id: status.sitrep_id,
    alerts_created: alerts.details.alerts_created,
    stale_sitrep: alerts.details.stale_sitrep,
    errors: [...alerts.details.errors, ...support_bundles.details.errors, ...ereport_marking.details.errors, ...alert_marker_gc.details.errors].length,
  });
  return status;
}

function allSucceeded(s: FmRendezvousStatus): boolean {
  return (
    !s.alerts.details.stale_sitrep &&
    [s.alerts.details.errors, s.support_bundles.details.errors, s.ereport_marking.details.errors, s.alert_marker_gc.details.errors].every((e) => e.length === 0)
  );
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
  return { result: { kind: 'Executed', start, end: iso(p.clock.now()) }, details };
}

function emptyAlerts(): AlertCreationStatus {
  return { total_alerts_requested: 0, current_sitrep_alerts_requested: 0, alerts_created: 0, alerts_already_existed: 0, stale_sitrep: false, errors: [] };
}

function emptyBundles(): SupportBundleCreationStatus {
  return { total_bundles_requested: 0, bundles_created: 0, bundles_already_existed: 0, errors: [] };
}

async function createAlerts(p: NexusProcess, design: AlertDesign, l: LoadedSitrep): Promise<AlertCreationStatus> {
  const m = l.sitrep.metadata;
  const st = emptyAlerts();
  st.total_alerts_requested = l.sitrep.alert_requests.length;
  st.current_sitrep_alerts_requested = l.sitrep.alert_requests.filter((r) => r.requested_sitrep_id === m.id).length;
  for (const req of l.sitrep.alert_requests) {
    try {
      const out = await fmRendezvousAlertCreate(p.db, design, { req, caseId: req.case_id, sitrepId: m.id, alertGeneration: m.alert_generation, now: iso(p.clock.now()) });
      if (out === 'Created') {
        st.alerts_created++;
        p.trace('fm.alert.created', { alert_id: req.id, sitrep_id: m.id, design });
      } else if (out === 'AlreadyExists') st.alerts_already_existed++;
      else {
        st.stale_sitrep = true;
        p.tasks.activate(FM_SITREP_LOAD);
        break;
      }
    } catch (err) {
      st.errors.push(`alert ${req.id}: ${String(err)}`);
    }
  }
  return st;
}

async function createSupportBundles(p: NexusProcess, l: LoadedSitrep): Promise<SupportBundleCreationStatus> {
  const st: SupportBundleCreationStatus = { ...emptyBundles(), total_bundles_requested: l.sitrep.support_bundle_requests.length };
  for (const req of l.sitrep.support_bundle_requests) {
    try {
      const created = await p.db.step('support_bundle_create', (sql) => {
        if (q(sql, 'SELECT 1 FROM support_bundle WHERE id = ?').get(req.id)) return false;
        const sled = q(sql, "SELECT id FROM sled WHERE sled_policy = 'in_service' AND time_deleted IS NULL ORDER BY id LIMIT 1").get() as
          | { id: string }
          | undefined;
        // omicron: no debug dataset with room for a bundle -> InsufficientCapacity.
        if (!sled) throw new Error('insufficient capacity: no in-service sled to host a support bundle');
        q(sql, "INSERT INTO support_bundle (id, time_created, reason_for_creation, sled_id, state, fm_case_id) VALUES (?, ?, ?, ?, 'collecting', ?)")
          .run(req.id, iso(p.clock.now()), req.comment, sled.id, req.case_id);
        return true;
      });
      if (created) st.bundles_created++;
      else st.bundles_already_existed++;
    } catch (err) {
      st.errors.push(`support bundle ${req.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return st;
}

/** Marks the executing sitrep's ereports seen. Deviation: omicron records which ereports a
 * sitrep's cases include (fm_ereport_in_case); this model has no such table, so a case's ereports
 * are those on its part (the case's comment is its key, `de:part_serial`, see builder.ts). A
 * report that arrived for an open case's part after diagnosis is marked too. */
async function markEreportsSeen(db: Db, l: LoadedSitrep): Promise<EreportMarkingStatus> {
  const keys = JSON.stringify(l.sitrep.cases.map((c) => c.comment));
  const n = await db.step('ereport_mark_seen', (sql) =>
    q(sql, "UPDATE ereport SET marked_seen_in = ? WHERE marked_seen_in IS NULL AND (de || ':' || part_serial) IN (SELECT value FROM json_each(?))")
      .run(l.sitrep.metadata.id, keys).changes,
  );
  return { ereports_marked: n, errors: [] };
}
