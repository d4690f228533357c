// Route schemas shared by the sled-agent and repo-depot APIs.
export const SHA256_PATTERN = '^[0-9a-f]{64}$';

export const sha256Params = {
  type: 'object',
  required: ['sha256'],
  properties: { sha256: { type: 'string', pattern: SHA256_PATTERN } },
} as const;

export const generationQuery = {
  type: 'object',
  required: ['generation'],
  properties: { generation: { type: 'integer', minimum: 0 } },
} as const;

export const artifactConfigBody = {
  type: 'object',
  required: ['generation', 'artifacts'],
  properties: {
    generation: { type: 'integer', minimum: 0 },
    artifacts: { type: 'array', items: { type: 'string', pattern: SHA256_PATTERN } },
  },
} as const;

export const copyFromDepotBody = {
  type: 'object',
  required: ['depot_base_url'],
  properties: { depot_base_url: { type: 'string', minLength: 1 } },
} as const;
