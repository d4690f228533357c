// Response schemas of the sled-agent routes the simulator serves, written from omicron's
// openapi/sled-agent 48.0.0 document at b848b6df85 (`ArtifactConfig`, `ArtifactListResponse`,
// `ArtifactPutResponse`, `ArtifactCopyFromDepotResponse`, `Inventory` and what it references).
// fastify serializes each answer through them, so a field the document lacks cannot leak out;
// test/wire/openapi-routes.test.ts checks each refines the document. OpenAPI's `nullable` is
// written as a `null` type.
import { ERROR_RESPONSES } from '../../sim/index.js';

const uint = { type: 'integer', minimum: 0 } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const hash = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const nullableUint = { type: ['integer', 'null'], minimum: 0 } as const;
// The document's `Duration.nanos` is a uint32; a duration's nanos stay below 1e9.
const duration = { type: 'object', required: ['nanos', 'secs'], properties: { nanos: { type: 'integer', minimum: 0, maximum: 999_999_999 }, secs: uint } } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

export const ARTIFACT_CONFIG_SCHEMA = {
  type: 'object',
  required: ['artifacts', 'generation'],
  properties: { artifacts: { type: 'array', items: hash, uniqueItems: true }, generation: uint },
} as const;

export const ARTIFACT_LIST_SCHEMA = {
  type: 'object',
  required: ['generation', 'list'],
  properties: { generation: uint, list: { type: 'object', additionalProperties: uint } },
} as const;

/** v1 (before omicron PR #7519): a bare hash → count map. */
export const ARTIFACT_LIST_V1_SCHEMA = { type: 'object', additionalProperties: uint } as const;

export const ARTIFACT_PUT_SCHEMA = {
  type: 'object',
  required: ['datasets', 'successful_writes'],
  properties: { datasets: uint, successful_writes: uint },
} as const;

/** `ArtifactCopyFromDepotResponse`: an object with no declared properties. */
export const ARTIFACT_COPY_FROM_DEPOT_SCHEMA = { type: 'object', additionalProperties: false } as const;

const inventoryDisk = {
  type: 'object',
  required: ['active_firmware_slot', 'identity', 'number_of_firmware_slots', 'slot', 'slot1_is_read_only', 'slot_firmware_versions', 'variant'],
  properties: {
    active_firmware_slot: { type: 'integer', minimum: 0, maximum: 255 },
    identity: {
      type: 'object',
      required: ['model', 'serial', 'vendor'],
      properties: { model: { type: 'string' }, serial: { type: 'string' }, vendor: { type: 'string' } },
    },
    next_active_firmware_slot: { type: ['integer', 'null'], minimum: 0, maximum: 255 },
    number_of_firmware_slots: { type: 'integer', minimum: 0, maximum: 255 },
    slot: { type: 'integer' },
    slot1_is_read_only: { type: 'boolean' },
    slot_firmware_versions: { type: 'array', items: { type: ['string', 'null'] } },
    variant: { type: 'string', enum: ['U2', 'M2'] },
  },
} as const;

const inventoryZpool = {
  type: 'object',
  required: ['health', 'id', 'total_size'],
  properties: {
    health: { type: 'string', enum: ['online', 'degraded', 'faulted', 'offline', 'removed', 'unavailable'] },
    id: uuid,
    total_size: uint,
  },
} as const;

const inventoryDataset = {
  type: 'object',
  required: ['available', 'compression', 'name', 'used'],
  properties: {
    available: uint,
    compression: { type: 'string' },
    id: { type: ['string', 'null'], format: 'uuid' },
    name: { type: 'string' },
    quota: nullableUint,
    reservation: nullableUint,
    used: uint,
  },
} as const;

/** A Rust `Result<T, E>` as serde writes it: `{"ok": T}` or `{"err": E}`. */
function serdeResult(ok: object, err: object) {
  return {
    oneOf: [
      { type: 'object', required: ['ok'], properties: { ok } },
      { type: 'object', required: ['err'], properties: { err } },
    ],
  } as const;
}

/** Only the `{"err": E}` arm of a serde `Result`: the simulation never reads an install dataset. */
function errArm(err: object) {
  return { type: 'object', required: ['err'], properties: { err } } as const;
}

// The simulation models no install dataset, sled config, SMF or fmd: the schemas below admit only
// the arms it reports (empty lists, nulls, the error or "unavailable" arm), each a case of the
// document's type. A richer answer must widen them from the document first.
const emptyList = { type: 'array', maxItems: 0 } as const;

const manifestInventory = {
  type: 'object',
  required: ['boot_disk_path', 'boot_inventory', 'non_boot_status'],
  properties: { boot_disk_path: { type: 'string' }, boot_inventory: errArm({ type: 'string' }), non_boot_status: emptyList },
} as const;

const mupdateOverrideInventory = {
  type: 'object',
  required: ['boot_disk_path', 'boot_override', 'non_boot_status'],
  properties: {
    boot_disk_path: { type: 'string' },
    boot_override: errArm({ type: 'string' }),
    non_boot_status: emptyList,
  },
} as const;

const reconcilerStatus = {
  oneOf: [
    { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['not_yet_run'] } } },
    {
      type: 'object',
      required: ['completed_at', 'ran_for', 'status'],
      properties: { completed_at: dateTime, ran_for: duration, status: { type: 'string', enum: ['idle'] } },
    },
  ],
} as const;

const svcsEnabledNotOnline = {
  oneOf: [
    { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['data_unavailable'] } } },
    {
      type: 'object',
      required: ['type', 'value'],
      properties: {
        type: { type: 'string', enum: ['svcs_cmd_error'] },
        value: { type: 'object', required: ['error', 'time_of_status'], properties: { error: { type: 'string' }, time_of_status: dateTime } },
      },
    },
  ],
} as const;

const fmdInventoryError = {
  type: 'object',
  required: ['kind', 'message'],
  properties: { kind: { type: 'string', enum: ['fmd_error', 'too_many_cases', 'too_many_resources'] }, message: { type: 'string' } },
} as const;

export const INVENTORY_SCHEMA = {
  type: 'object',
  required: [
    'baseboard_id',
    'cpu_family',
    'datasets',
    'disks',
    'file_source_resolver',
    'fmd',
    'reconciler_status',
    'reference_measurements',
    'reservoir_size',
    'sled_agent_address',
    'sled_id',
    'sled_role',
    'smf_services_enabled_not_online',
    'usable_hardware_threads',
    'usable_physical_ram',
    'zpools',
  ],
  properties: {
    baseboard_id: {
      type: 'object',
      required: ['part_number', 'serial_number'],
      properties: { part_number: { type: 'string' }, serial_number: { type: 'string' } },
    },
    cpu_family: { type: 'string', enum: ['unknown', 'amd_milan', 'amd_turin', 'amd_turin_dense'] },
    datasets: { type: 'array', items: inventoryDataset },
    disks: { type: 'array', items: inventoryDisk },
    file_source_resolver: {
      type: 'object',
      required: ['measurement_manifest', 'mupdate_override', 'zone_manifest'],
      properties: { measurement_manifest: manifestInventory, mupdate_override: mupdateOverrideInventory, zone_manifest: manifestInventory },
    },
    fmd: serdeResult({ type: 'object', required: ['cases', 'resources'], properties: { cases: emptyList, resources: emptyList } }, fmdInventoryError),
    last_reconciliation: { type: 'null' },
    ledgered_sled_config: { type: 'null' },
    reconciler_status: reconcilerStatus,
    reference_measurements: emptyList,
    reservoir_size: uint,
    sled_agent_address: { type: 'string' },
    sled_id: uuid,
    sled_role: { type: 'string', enum: ['gimlet', 'scrimlet'] },
    smf_services_enabled_not_online: svcsEnabledNotOnline,
    usable_hardware_threads: { type: 'integer', minimum: 0, maximum: 4_294_967_295 },
    usable_physical_ram: uint,
    zpools: { type: 'array', items: inventoryZpool },
  },
} as const;

/** fastify `schema.response` per route: the success status the document declares, and its errors. */
export const SLED_AGENT_RESPONSES = {
  inventory: { 200: INVENTORY_SCHEMA, ...ERROR_RESPONSES },
  artifactConfigGet: { 200: ARTIFACT_CONFIG_SCHEMA, ...ERROR_RESPONSES },
  artifactConfigPut: { 204: { type: 'null' }, ...ERROR_RESPONSES },
  artifactList: { 200: ARTIFACT_LIST_SCHEMA, ...ERROR_RESPONSES },
  artifactListV1: { 200: ARTIFACT_LIST_V1_SCHEMA, ...ERROR_RESPONSES },
  artifactPut: { 200: ARTIFACT_PUT_SCHEMA, ...ERROR_RESPONSES },
  artifactCopyFromDepot: { 202: ARTIFACT_COPY_FROM_DEPOT_SCHEMA, ...ERROR_RESPONSES },
  artifactDeleteV1: { 204: { type: 'null' }, ...ERROR_RESPONSES },
} as const;
