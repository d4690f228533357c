// Internal API for sled agents (omicron nexus-internal-api `sled_agent_get` / `sled_agent_put`):
// a sled agent first asks what Nexus knows of it, then registers with a generation one newer.
// The row it upserts is what Nexus later builds sled-agent and repo-depot URLs from.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SledUpsertRejected, sledGet, sledUpsert } from '../db/datastore-sled.js';
import type { ProcessOf } from '../process.js';
import { badRequest, errorBody, notFound } from './errors.js';
import { ERROR_RESPONSES } from './schemas/error.js';

/** `SledAgentInfo`, trimmed to what the simulator's sleds report. */
export interface SledAgentInfo {
  sa_address: string;
  repo_depot_port: number;
  generation: number;
  decommissioned?: boolean;
  serial_number?: string;
}

const sledIdParams = { type: 'object', properties: { sled_id: { type: 'string', format: 'uuid' } }, required: ['sled_id'] };

/** dropshot's `for_internal_error`: the client sees only "Internal Server Error". */
function internalError(reply: FastifyReply) {
  return reply.code(500).send(errorBody(reply, 'Internal Server Error', 'Internal'));
}

export function sledAgentsRoutes(app: FastifyInstance, proc: ProcessOf, rackId: string): void {
  // No 200 schema yet: the document's `SledAgentInfo` requires baseboard, cpu_family, role,
  // reservoir and RAM sizes, which the simulator's sled rows do not keep (see the README).
  app.get<{ Params: { sled_id: string } }>('/sled-agents/:sled_id', { schema: { params: sledIdParams, response: ERROR_RESPONSES } }, async (req, reply) => {
    const p = proc(req);
    const row = await sledGet(p.db, req.params.sled_id);
    if (!row) return notFound(reply, `not found: sled with id "${req.params.sled_id}"`);
    const info: SledAgentInfo = {
      sa_address: `[${row.ip}]:${row.port}`,
      repo_depot_port: row.repo_depot_port,
      generation: row.sled_agent_gen,
      decommissioned: row.sled_state === 'decommissioned',
    };
    return info;
  });

  app.post<{ Params: { sled_id: string }; Body: SledAgentInfo }>(
    '/sled-agents/:sled_id',
    {
      schema: {
        params: sledIdParams,
        response: ERROR_RESPONSES,
        body: {
          type: 'object',
          required: ['sa_address', 'repo_depot_port', 'generation'],
          properties: {
            sa_address: { type: 'string' },
            repo_depot_port: { type: 'integer', minimum: 0, maximum: 65535 },
            generation: { type: 'integer', minimum: 1 },
            decommissioned: { type: 'boolean' },
            serial_number: { type: 'string' },
          },
        },
      },
    },
    async (req, reply) => {
      const m = /^\[([0-9a-fA-F:]+)\]:(\d+)$/.exec(req.body.sa_address);
      if (!m) return badRequest(reply, `sa_address must look like [ipv6]:port, got "${req.body.sa_address}"`);
      const p = proc(req);
      try {
        await sledUpsert(p.db, p.clock.now(), {
          id: req.params.sled_id,
          rackId,
          serial: req.body.serial_number ?? `sim-${req.params.sled_id.slice(0, 8)}`,
          ip: m[1],
          port: Number(m[2]),
          repoDepotPort: req.body.repo_depot_port,
          sledAgentGen: req.body.generation,
        });
      } catch (err) {
        if (!(err instanceof SledUpsertRejected)) throw err;
        p.trace('nexus.sled_upsert_rejected', { sled: req.params.sled_id, generation: req.body.generation, error: err.message });
        return internalError(reply);
      }
      p.trace('nexus.sled_upserted', { sled: req.params.sled_id, generation: req.body.generation });
      return reply.code(204).send();
    },
  );
}
