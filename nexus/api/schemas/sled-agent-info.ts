// JSON Schema of nexus-internal 1.0.0's `SledAgentInfo` (openapi/nexus-internal/
// nexus-internal-1.0.0-6d8ade.json at omicron b848b6df85, with `Baseboard`, `SledRole`,
// `SledCpuFamily`, `ByteCount`, `Generation`), written from the document. It is both the POST
// body fastify validates and the GET 200 it serializes through.

const baseboard = {
  type: 'object',
  required: ['part', 'revision', 'serial'],
  properties: { part: { type: 'string' }, revision: { type: 'integer', minimum: 0, maximum: 4294967295 }, serial: { type: 'string' } },
} as const;

const byteCount = { type: 'integer', minimum: 0 } as const;

export const SLED_AGENT_INFO_SCHEMA = {
  type: 'object',
  required: [
    'baseboard',
    'cpu_family',
    'decommissioned',
    'generation',
    'repo_depot_port',
    'reservoir_size',
    'role',
    'sa_address',
    'usable_hardware_threads',
    'usable_physical_ram',
  ],
  properties: {
    baseboard,
    cpu_family: { type: 'string', enum: ['unknown', 'amd_milan', 'amd_turin', 'amd_turin_dense'] },
    decommissioned: { type: 'boolean' },
    generation: { type: 'integer', minimum: 0 },
    repo_depot_port: { type: 'integer', minimum: 0, maximum: 65535 },
    reservoir_size: byteCount,
    role: { type: 'string', enum: ['gimlet', 'scrimlet'] },
    sa_address: { type: 'string' },
    usable_hardware_threads: { type: 'integer', minimum: 0, maximum: 4294967295 },
    usable_physical_ram: byteCount,
  },
} as const;
