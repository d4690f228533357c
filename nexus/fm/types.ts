// In-memory shapes of a sitrep (omicron nexus/types/src/fm) and the FM task status types
// (nexus/types/src/internal_api/background.rs).
import type { FmConfig, FmConfigSource, FmConfigView } from './config.js';

export type DiagnosisEngine = 'power_shelf' | 'physical_disk' | 'saga';

export interface SitrepMetadata {
  id: string;
  parent_sitrep_id: string | null;
  inv_collection_id: string;
  time_created: string;
  creator_id: string;
  comment: string;
  next_inv_min_time_started: string | null;
  alert_generation: number;
  support_bundle_generation: number;
}

export interface FmCase {
  id: string;
  de: DiagnosisEngine;
  created_sitrep_id: string;
  closed_sitrep_id: string | null;
  comment: string;
}

export interface AlertRequest {
  id: string;
  requested_sitrep_id: string;
  case_id: string;
  alert_class: string;
  payload: string;
  comment: string;
  alert_version: number;
}

export interface SupportBundleRequest {
  id: string;
  requested_sitrep_id: string;
  case_id: string;
  comment: string;
}

export interface Sitrep {
  metadata: SitrepMetadata;
  cases: FmCase[];
  alert_requests: AlertRequest[];
  support_bundle_requests: SupportBundleRequest[];
}

export interface SitrepVersion {
  version: number;
  sitrep_id: string;
  time_made_current: string;
}

export interface LoadedSitrep {
  version: SitrepVersion;
  sitrep: Sitrep;
}

// --- task statuses --------------------------------------------------------------------------
// SitrepLoadStatus and OpResult are externally tagged, as serde writes omicron's enums
// (nexus/types/src/internal_api/background.rs at b848b6df85): a unit variant is its name
// ("NoSitrep"), a newtype variant `{"Error": "..."}`, a struct variant `{"Loaded": {...}}`.
// FmAnalysisStatus has omicron's shape; the simulator has no inventory, so `inv_collection_id` is
// always null and the inventory outcomes never occur (see tasks/analysis.ts).

/** `fm::SitrepVersion` as serde writes it. */
export interface SitrepVersionWire {
  id: string;
  version: number;
  time_made_current: string;
}

export type SitrepLoadStatus = { Error: string } | 'NoSitrep' | { Loaded: { version: SitrepVersionWire; time_loaded: string } };

export type OpResult = 'Skipped' | { Executed: { start: string; end: string } };

export interface OpStatus<D> {
  result: OpResult;
  details: D;
}

export interface AlertCreationStatus {
  total_alerts_requested: number;
  current_sitrep_alerts_requested: number;
  alerts_created: number;
  alerts_already_existed: number;
  stale_sitrep: boolean;
  errors: string[];
}

export interface SupportBundleCreationStatus {
  total_bundles_requested: number;
  current_sitrep_bundles_requested: number;
  bundles_created: number;
  bundles_already_existed: number;
  stale_sitrep: boolean;
  errors: string[];
}

export interface EreportMarkingStatus {
  batch_size: number;
  batches: number;
  total_ereports_in_sitrep: number;
  ereports_not_marked_in_sitrep: number;
  ereports_marked_seen: number;
  errors: string[];
}

export interface MarkerGcStatus {
  rows_deleted: number;
  batches: number;
  errors: string[];
}

export interface FmRendezvousStatus {
  sitrep_id: string | null;
  alerts: OpStatus<AlertCreationStatus>;
  support_bundles: OpStatus<SupportBundleCreationStatus>;
  ereport_marking: OpStatus<EreportMarkingStatus>;
  alert_marker_gc: OpStatus<MarkerGcStatus>;
  support_bundle_marker_gc: OpStatus<MarkerGcStatus>;
  /** Tombstone design only (PR #10368): the tracker after this pass's advance, null if none. */
  latest_processed_sitrep_version?: number | null;
}

export interface SitrepGcStatus {
  orphaned_sitreps_deleted: number;
  sitrep_metadata_batches: number;
  batch_size: number;
  child_tables: Record<string, { rows_deleted: number; batches: number }>;
  errors: string[];
}

/** `RangeInclusive<u32>` as serde writes it. */
export interface VersionRange {
  start: number;
  end: number;
}

export interface SitrepsPruned {
  batches: number;
  total: number;
  versions: VersionRange | null;
}

export interface HistoryPrunerActivated {
  cfg: FmConfig;
  batch_size: number;
  pruned: SitrepsPruned;
  outcome: { NotPruned: { count: number } } | { Pruned: { count: number } } | { Error: string };
}

export type SitrepHistoryPrunerStatus = 'WaitingForConfig' | { Activated: HistoryPrunerActivated };

export interface CurrentFmConfig {
  config: FmConfigView;
  time_loaded: string;
  updated: boolean;
}

export type FmConfigLoadStatus = { Error: string } | { LatestConfigInvalid: { error: string; fallback: CurrentFmConfig } } | { Loaded: CurrentFmConfig };

export interface SitrepCapacity {
  count: number;
  limit: number;
}

export type AnalysisOutcome =
  | { Error: string }
  | 'Unchanged'
  | { LimitReached: { limit: number } }
  | { CommitFailed: { sitrep_id: string; error: string } }
  | { NotCommitted: { sitrep_id: string } }
  | { Committed: { sitrep_id: string } };

export type FmAnalysisOutcome =
  | { Disabled: FmConfigSource }
  | 'WaitingForConfig'
  | 'WaitingForInventory'
  | { PreparationError: string }
  | {
      RanAnalysis: {
        prep_status: { warnings: string[] };
        analysis_status: { start_time: string; end_time: string; outcome: AnalysisOutcome; capacity: SitrepCapacity | null };
      };
    };

export interface FmAnalysisStatus {
  parent_sitrep_id: string | null;
  inv_collection_id: string | null;
  known_classes: string[];
  outcome: FmAnalysisOutcome;
  warnings: string[];
}

/** The three sitrep read designs under test. */
export type ReadDesign = 'naive' | 'metadata-last' | 'transaction';
/** The three alert-deletion designs under test. */
export type AlertDesign = 'naive' | 'tombstone' | 'generation-marker';
