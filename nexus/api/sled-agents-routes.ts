// Internal API: sled agents register themselves (`POST /sled-agents/{sled_id}`), which upserts the
// sled row Nexus later builds sled-agent and repo-depot URLs from.
import type { FastifyInstance } from 'fastify';
import { sledUpsert } from '../db/datastore-sled.js';
import type { ProcessOf } from '../process.js';
import { badRequest } from './errors.js';

interface SledAgentInfo {
  sa_address: string;
  repo_depot_port: number;
  serial_number?: string;
}

export function sledAgentsRoutes(app: FastifyInstance, proc: ProcessOf, rackId: string): void {
  app.post<{ Params: { sled_id: string }; Body: SledAgentInfo }>(
    '/sled-agents/:sled_id',
    {
      schema: {
        params: { type: 'object', properties: { sled_id: { type: 'string', format: 'uuid' } }, required: ['sled_id'] },
        body: {
          type: 'object',
          required: ['sa_address', 'repo_depot_port'],
          properties: {
            sa_address: { type: 'string' },
            repo_depot_port: { type: 'integer', minimum: 0, maximum: 65535 },
            serial_number: { type: 'string' },
          },
        },
      },
    },
    async (req, reply) => {
      const m = /^\[([0-9a-fA-F:]+)\]:(\d+)$/.exec(req.body.sa_address);
      if (!m) return badRequest(reply, `sa_address must look like [ipv6]:port, got "${req.body.sa_address}"`);
      const p = proc(req);
      await sledUpsert(p.db, p.clock.now(), {
        id: req.params.sled_id,
        rackId,
        serial: req.body.serial_number ?? `sim-${req.params.sled_id.slice(0, 8)}`,
        ip: m[1],
        port: Number(m[2]),
        repoDepotPort: req.body.repo_depot_port,
      });
      p.trace('nexus.sled_upserted', { sled: req.params.sled_id });
      return reply.code(204).send();
    },
  );
}
