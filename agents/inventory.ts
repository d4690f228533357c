// The sled agent's `GET /inventory` (omicron sled-agent/src/sled_agent.rs `SledAgent::inventory`):
// every field openapi/sled-agent 48.0.0 requires. What the simulation models is real: the sled's
// id and address, its M.2 disks (a failed one is absent, as a pulled disk would be), one internal
// zpool per live M.2 and its `update` dataset holding the artifacts (`used` is their bytes). The
// hardware figures are fixed placeholders of a Gimlet; what the simulation does not model (sled
// config and its reconciler, install dataset, SMF, fmd) is reported in the document's own "none
// yet" / "unavailable" / error arms, never invented.
import type { M2Pair } from './m2.js';
import { nameUuid } from './name-uuid.js';
import type { Inventory, InventoryDataset, InventoryDisk, InventoryZpool, ManifestInventory, SledAgentInfo } from './types/index.js';

/** Placeholders: a Gimlet with 2 × 64-core Milan and 1 TiB of RAM. */
const GIMLET_PART_NUMBER = '913-0000019';
const GIMLET_REVISION = 0;
const USABLE_HARDWARE_THREADS = 128;
const USABLE_PHYSICAL_RAM = 1024 * 2 ** 30;
/** Placeholder M.2 size (omicron's are 1 TB-class NVMe; the value matters to nothing here). */
const M2_BYTES = 960 * 10 ** 9;

const NOT_MODELLED = 'not modelled by the simulator';

/** Placeholder serial, reported in the inventory and registered with Nexus (`baseboard.serial`). */
export function baseboardSerial(sledId: string): string {
  return `sim-${sledId.slice(0, 8)}`;
}

/** What the sled reports of its hardware, to Nexus (`SledAgentInfo`) and in its inventory alike. */
export type SledHardware = Pick<SledAgentInfo, 'role' | 'baseboard' | 'usable_hardware_threads' | 'usable_physical_ram' | 'reservoir_size' | 'cpu_family'>;

export function sledHardware(sledId: string): SledHardware {
  return {
    role: 'gimlet',
    baseboard: { part: GIMLET_PART_NUMBER, revision: GIMLET_REVISION, serial: baseboardSerial(sledId) },
    usable_hardware_threads: USABLE_HARDWARE_THREADS,
    usable_physical_ram: USABLE_PHYSICAL_RAM,
    reservoir_size: 0,
    cpu_family: 'amd_milan',
  };
}

function manifest(bootDiskPath: string): ManifestInventory {
  return { boot_disk_path: bootDiskPath, boot_inventory: { err: NOT_MODELLED }, non_boot_status: [] };
}

export function sledInventory(sledId: string, address: string, m2: M2Pair): Inventory {
  const disks: InventoryDisk[] = [];
  const zpools: InventoryZpool[] = [];
  const datasets: InventoryDataset[] = [];
  for (const d of m2.live()) {
    const serial = `${sledId}-m2-${d.disk}`;
    disks.push({
      identity: { vendor: 'rack-sim', model: 'simulated-m2', serial },
      variant: 'M2',
      slot: d.disk,
      active_firmware_slot: 1,
      next_active_firmware_slot: null,
      number_of_firmware_slots: 1,
      slot1_is_read_only: true,
      slot_firmware_versions: ['sim-1'],
    });
    const pool = nameUuid(`zpool:${serial}`);
    zpools.push({ id: pool, total_size: M2_BYTES, health: 'online' });
    let used = 0;
    for (const bytes of d.files.values()) used += bytes.length;
    datasets.push({ id: null, name: `oxi_${pool}/update`, available: M2_BYTES - used, used, quota: null, reservation: null, compression: 'off' });
  }
  const bootDisk = m2.live()[0];
  const bootPath = bootDisk === undefined ? '' : `/pool/int/${nameUuid(`zpool:${sledId}-m2-${bootDisk.disk}`)}/install`;
  const hw = sledHardware(sledId);
  return {
    sled_id: sledId,
    sled_agent_address: address,
    sled_role: hw.role,
    baseboard_id: { part_number: hw.baseboard.part, serial_number: hw.baseboard.serial },
    usable_hardware_threads: hw.usable_hardware_threads,
    usable_physical_ram: hw.usable_physical_ram,
    cpu_family: hw.cpu_family,
    reservoir_size: hw.reservoir_size,
    disks,
    zpools,
    datasets,
    ledgered_sled_config: null,
    reconciler_status: { status: 'not_yet_run' },
    last_reconciliation: null,
    file_source_resolver: {
      measurement_manifest: manifest(bootPath),
      mupdate_override: { boot_disk_path: bootPath, boot_override: { err: NOT_MODELLED }, non_boot_status: [] },
      zone_manifest: manifest(bootPath),
    },
    smf_services_enabled_not_online: { type: 'data_unavailable' },
    reference_measurements: [],
    fmd: { err: { kind: 'fmd_error', message: NOT_MODELLED } },
  };
}
