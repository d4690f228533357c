// Lockstep API `POST /sleds/expunge` (omicron nexus/lockstep-api/src/lib.rs `sled_expunge`,
// nexus/src/app/sled.rs `Nexus::sled_expunge`): irreversible, idempotent, answers the sled's
// previous policy. omicron first refuses a sled whose baseboard is still in the latest committed
// trust-quorum configuration (409); the simulator has no trust quorum, so that check is absent.
import type { FastifyInstance } from 'fastify';
import { sledSetPolicyToExpunged } from '../db/datastore-sled.js';
import type { ProcessOf } from '../process.js';
import { errorBody, objectNotFoundById } from './errors.js';
import { ERROR_RESPONSES } from './schemas/error.js';
import { SLED_POLICY_SCHEMA, SLED_SELECTOR_SCHEMA } from './schemas/sled-policy.js';

export function sledsRoutes(app: FastifyInstance, proc: ProcessOf): void {
  app.post<{ Body: { sled: string } }>(
    '/sleds/expunge',
    { schema: { body: SLED_SELECTOR_SCHEMA, response: { 200: SLED_POLICY_SCHEMA, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      const p = proc(req);
      const out = await sledSetPolicyToExpunged(p.db, p.clock.now(), req.body.sled);
      // `sled_lookup(..).fetch_for(Modify)`: LookupType::ById into_not_found(ResourceType::Sled).
      if (out.kind === 'not-found') return objectNotFoundById(reply, 'sled', req.body.sled);
      // `external::Error::conflict`: 409, error_code "Conflict" (common/src/api/external/error.rs).
      if (out.kind === 'invalid') return reply.code(409).send(errorBody(reply, out.message, 'Conflict'));
      p.trace('nexus.sled_expunged', { sled: req.body.sled, previous: out.previous.kind });
      return out.previous;
    },
  );
}
