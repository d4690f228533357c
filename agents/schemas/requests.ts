// Route schemas shared by the sled-agent and repo-depot APIs.
import type { FastifyInstance } from 'fastify';

/** `ArtifactHash` parses with the `hex` crate (tufaceous-artifact hash.rs, serde_human_bytes),
 * which takes either case; it always writes lowercase. */
export const SHA256_PATTERN = '^[0-9a-fA-F]{64}$';

/** Makes hashes in the path and in an `ArtifactConfig` body lowercase once validated, as the
 * parsed `ArtifactHash` is: the store and every answer see one spelling. */
export function lowercaseHashes(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    const params = req.params as { sha256?: string } | undefined;
    if (typeof params?.sha256 === 'string') params.sha256 = params.sha256.toLowerCase();
    const body = req.body as { artifacts?: unknown } | undefined;
    if (body && !Buffer.isBuffer(body) && Array.isArray(body.artifacts)) body.artifacts = body.artifacts.map((h) => String(h).toLowerCase());
  });
}

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
