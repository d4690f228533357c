// Trace events of fault management: the sitrep loader, analysis and GC tasks, rendezvous (alerts,
// support bundles, tombstones) and operator deletes (nexus/fm/*, PR #10368).
import type { SitrepSummary } from './state.js';

export interface FmEvents {
  'fm.sitrep.loaded': SitrepSummary;
  /** fm_config_loader published a changed config: `default` or the override's `v{version}`. */
  'fm.config.loaded': { source: string };
  /** An FM config override was inserted (lockstep `POST /fm/config` or a scenario). */
  'fm.config.set': { version: number };
  'fm.sitrep.read_not_found': { sitrep_id: string; version: number | null };
  'fm.sitrep.made_current': { sitrep_id: string; version: number; parent_sitrep_id: string | null };
  'fm.sitrep.parent_not_current': { sitrep_id: string; parent_sitrep_id: string | null };
  'fm.sitrep_gc.done': { orphaned_sitreps_deleted: number };
  'fm.rendezvous.advance_failed': { error: string };
  'fm.rendezvous.done': { sitrep_id: string | null; alerts_created: number; stale_sitrep: boolean; errors: number; latest_processed_sitrep_version?: number | null };
  'fm.alert.created': { alert_id: string; sitrep_id: string; version: number; design: string };
  'fm.alert.operator_deleted': { alert_id: string; design: string };
  'fm.support_bundle.created': { bundle_id: string; sitrep_id: string; version: number };
  'fm.support_bundle.read': { reader: string; ids: string[] };
  'fm.support_bundle.deleted': { bundle_id: string; tombstone: boolean };
  /** `tracker`: the rendezvous progress tracker (latest processed sitrep version) at the sweep. */
  'fm.tombstone.swept': { table: string; ids: string[]; tracker: number };
  'fm.tombstone.sweep_failed': { table: string; error: string };
  /** A scenario script injected an ereport (scenarios/fm-support.ts). */
  'fm.ereport.injected': { id: string; class: string; part_serial: string };
}
