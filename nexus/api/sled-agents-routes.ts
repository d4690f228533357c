// Internal API for sled agents (omicron nexus-internal-api `sled_agent_get` / `sled_agent_put`):
// a sled agent first asks what Nexus knows of it, then registers with a generation one newer.
// The row it upserts is what Nexus later builds sled-agent and repo-depot URLs from.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SledUpsertRejected, sledGet, sledUpsert } from '../db/datastore-sled.js';
import type { ProcessOf } from '../process.js';
import { badRequest, errorBody, notFound } from './errors.js';
import type { SledAgentInfo, SledCpuFamily } from '../../agents/types/index.js';
import { ERROR_RESPONSES } from './schemas/error.js';
import { SLED_AGENT_INFO_SCHEMA } from './schemas/sled-agent-info.js';

export type { SledAgentInfo };

const sledIdParams = { type: 'object', properties: { sled_id: { type: 'string', format: 'uuid' } }, required: ['sled_id'] };

/** dropshot's `for_internal_error`: the client sees only "Internal Server Error". */
function internalError(reply: FastifyReply) {
  return reply.code(500).send(errorBody(reply, 'Internal Server Error', 'Internal'));
}

export function sledAgentsRoutes(app: FastifyInstance, proc: ProcessOf, rackId: string): void {
  // omicron `impl From<Sled> for SledAgentInfo` (nexus/db-model/src/sled.rs): role from
  // is_scrimlet, decommissioned from sled_state.
  app.get<{ Params: { sled_id: string } }>('/sled-agents/:sled_id', { schema: { params: sledIdParams, response: { 200: SLED_AGENT_INFO_SCHEMA, ...ERROR_RESPONSES } } }, async (req, reply) => {
    const p = proc(req);
    const row = await sledGet(p.db, req.params.sled_id);
    if (!row) return notFound(reply, `not found: sled with id "${req.params.sled_id}"`);
    const info: SledAgentInfo = {
      sa_address: `[${row.ip}]:${row.port}`,
      repo_depot_port: row.repo_depot_port,
      role: row.is_scrimlet ? 'scrimlet' : 'gimlet',
      baseboard: { serial: row.serial_number, part: row.part_number, revision: row.revision },
      usable_hardware_threads: row.usable_hardware_threads,
      usable_physical_ram: row.usable_physical_ram,
      reservoir_size: row.reservoir_size,
      generation: row.sled_agent_gen,
      cpu_family: row.cpu_family as SledCpuFamily,
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
        body: SLED_AGENT_INFO_SCHEMA,
      },
    },
    async (req, reply) => {
      // `decommissioned` in the body is ignored ("Setting it on an upsert from sled-agent has no
      // effect"); omicron `Nexus::upsert_sled` (nexus/src/app/sled.rs) builds a `SledUpdate`.
      const b = req.body;
      const m = /^\[([0-9a-fA-F:]+)\]:(\d+)$/.exec(b.sa_address);
      // serde reads `sa_address` as a SocketAddrV6 in dropshot's body extractor: a 400 with no error
      // code and serde's words (its " at line L column C" is left out here).
      if (!m) return reply.code(400).send(errorBody(reply, 'unable to parse JSON body: invalid socket address syntax'));
      const p = proc(req);
      try {
        await sledUpsert(p.db, p.clock.now(), {
          id: req.params.sled_id,
          rackId,
          serial: b.baseboard.serial,
          part: b.baseboard.part,
          revision: b.baseboard.revision,
          isScrimlet: b.role === 'scrimlet',
          usableHardwareThreads: b.usable_hardware_threads,
          usablePhysicalRam: b.usable_physical_ram,
          reservoirSize: b.reservoir_size,
          cpuFamily: b.cpu_family,
          ip: m[1],
          port: Number(m[2]),
          repoDepotPort: b.repo_depot_port,
          sledAgentGen: b.generation,
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
