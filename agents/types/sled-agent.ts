// Wire types of the sled-agent API (omicron's `sled_agent_types`, as openapi/sled-agent 48.0.0 at
// b848b6df85 describes them). Types only: Nexus's sled client imports them with `import type`, so
// nexus/ never loads agents/ code (test/wire/layout.test.ts holds it to that).

/** The `info.version` of the document the server serves and progenitor generated Nexus's client from. */
export type SledAgentApiVersion = '48.0.0';

/** `ArtifactConfig` (GET response and PUT body of /artifacts-config). */
export interface ArtifactConfig {
  generation: number;
  /** Lowercase hex SHA-256s; a BTreeSet in omicron, so sorted and unique on the wire. */
  artifacts: string[];
}

/** `ArtifactListResponse`: copies of each hash in the current config, over the M.2 datasets. */
export interface ArtifactListResponse {
  generation: number;
  list: Record<string, number>;
}

/** The v1 protocol (before omicron PR #7519): `GET /artifacts` was a plain hash → count map. */
export type ArtifactListV1 = Record<string, number>;

export interface ArtifactPutResponse {
  datasets: number;
  successful_writes: number;
}

export interface ArtifactCopyFromDepotBody {
  depot_base_url: string;
}

/** `ArtifactCopyFromDepotResponse`: an empty object. */
export type ArtifactCopyFromDepotResponse = Record<string, never>;

/** `Duration` as serde writes std::time::Duration. */
export interface Duration {
  secs: number;
  nanos: number;
}

export interface BaseboardId {
  part_number: string;
  serial_number: string;
}

export type SledRole = 'gimlet' | 'scrimlet';
export type SledCpuFamily = 'unknown' | 'amd_milan' | 'amd_turin' | 'amd_turin_dense';

export interface InventoryDisk {
  identity: { vendor: string; model: string; serial: string };
  variant: 'U2' | 'M2';
  slot: number;
  active_firmware_slot: number;
  next_active_firmware_slot: number | null;
  number_of_firmware_slots: number;
  slot1_is_read_only: boolean;
  slot_firmware_versions: Array<string | null>;
}

export type ZpoolHealth = 'online' | 'degraded' | 'faulted' | 'offline' | 'removed' | 'unavailable';

export interface InventoryZpool {
  id: string;
  total_size: number;
  health: ZpoolHealth;
}

export interface InventoryDataset {
  id: string | null;
  name: string;
  available: number;
  used: number;
  quota: number | null;
  reservation: number | null;
  compression: string;
}

/** A Rust `Result<T, String>` as serde writes it: externally tagged. */
export type SerdeResult<T, E> = { ok: T } | { err: E };

/** `ManifestInventory` with the fields the simulation fills (no install dataset is modelled, so
 * `boot_inventory` is always `err` and no non-boot disk is reported). */
export interface ManifestInventory {
  boot_disk_path: string;
  boot_inventory: SerdeResult<never, string>;
  non_boot_status: never[];
}

export interface MupdateOverrideInventory {
  boot_disk_path: string;
  boot_override: SerdeResult<null, string>;
  non_boot_status: never[];
}

export interface OmicronFileSourceResolverInventory {
  measurement_manifest: ManifestInventory;
  mupdate_override: MupdateOverrideInventory;
  zone_manifest: ManifestInventory;
}

export interface FmdInventoryError {
  kind: 'fmd_error' | 'too_many_cases' | 'too_many_resources';
  message: string;
}

/** `ConfigReconcilerInventoryStatus`, internally tagged by `status`; only the arm the simulation
 * reports (it runs no sled-config reconciler). */
export type ConfigReconcilerInventoryStatus = { status: 'not_yet_run' };

/** `SvcsEnabledNotOnlineResult`, adjacently tagged (`type`/`value`); only the arm reported here. */
export type SvcsEnabledNotOnlineResult = { type: 'data_unavailable' };

/** `Inventory` (GET /inventory): every field the document requires; README says which are placeholders. */
export interface Inventory {
  sled_id: string;
  sled_agent_address: string;
  sled_role: SledRole;
  baseboard_id: BaseboardId;
  usable_hardware_threads: number;
  usable_physical_ram: number;
  cpu_family: SledCpuFamily;
  reservoir_size: number;
  disks: InventoryDisk[];
  zpools: InventoryZpool[];
  datasets: InventoryDataset[];
  ledgered_sled_config: null;
  reconciler_status: ConfigReconcilerInventoryStatus;
  last_reconciliation: null;
  file_source_resolver: OmicronFileSourceResolverInventory;
  smf_services_enabled_not_online: SvcsEnabledNotOnlineResult;
  reference_measurements: never[];
  fmd: SerdeResult<never, FmdInventoryError>;
}
