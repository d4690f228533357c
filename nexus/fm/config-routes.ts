// Lockstep FM config endpoints (omicron nexus/lockstep-api/src/lib.rs and
// nexus/src/lockstep_api/http_entrypoints.rs at b848b6df85): the current config (the default when
// no override exists, rather than a 404), one override version, and inserting the next version.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody, notFoundPlain } from '../api/errors.js';
import { ERROR_RESPONSES } from '../api/schemas/error.js';
import { iso } from '../db/time.js';
import type { ProcessOf } from '../process.js';
import { defaultFmConfigView, type FmConfigParam } from './config.js';
import { fmConfigGet, fmConfigGetLatest, fmConfigInsertLatestVersion, isInvalid, rowToView } from './config-db.js';
import { FM_CONFIG_PARAM_SCHEMA, FM_CONFIG_VERSION_PARAMS, FM_CONFIG_VIEW_SCHEMA } from './config-schema.js';

/** omicron's `Error::InvalidValue` as dropshot sends it. */
function invalidValue(reply: FastifyReply, label: string, message: string) {
  return reply.code(400).send(errorBody(reply, `unsupported value for "${label}": ${message}`, 'InvalidValue'));
}

export function fmConfigRoutes(app: FastifyInstance, proc: ProcessOf): void {
  app.get('/fm/config', { schema: { response: { 200: FM_CONFIG_VIEW_SCHEMA, ...ERROR_RESPONSES } } }, async (req, reply) => {
    const row = await proc(req).db.step('fm_config_get_latest', (sql) => fmConfigGetLatest(sql));
    if (!row) return defaultFmConfigView();
    const view = rowToView(row);
    return isInvalid(view) ? invalidValue(reply, view.label, view.message) : view;
  });

  app.get<{ Params: { version: number } }>(
    '/fm/config/versions/:version',
    { schema: { params: FM_CONFIG_VERSION_PARAMS, response: { 200: FM_CONFIG_VIEW_SCHEMA, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      const version = req.params.version;
      // Two spaces before "zero", as omicron's message has them.
      if (version === 0) return invalidValue(reply, 'version', 'FM config override versions must be greater than  zero');
      const row = await proc(req).db.step('fm_config_get', (sql) => fmConfigGet(sql, version));
      if (!row) return notFoundPlain(reply, `no fault management config override version v${version} exists`);
      const view = rowToView(row);
      return isInvalid(view) ? invalidValue(reply, view.label, view.message) : view;
    },
  );

  app.post<{ Body: FmConfigParam }>('/fm/config', { schema: { body: FM_CONFIG_PARAM_SCHEMA, response: ERROR_RESPONSES } }, async (req, reply) => {
    const p = proc(req);
    const now = iso(p.clock.now());
    const err = await p.db.step('fm_config_insert_latest_version', (sql) => fmConfigInsertLatestVersion(sql, req.body, now));
    if (err?.kind === 'InvalidValue') return invalidValue(reply, err.label, err.message);
    if (err?.kind === 'Conflict') return reply.code(409).send(errorBody(reply, err.message, 'Conflict'));
    p.trace('fm.config.set', { version: req.body.version });
    return reply.code(204).send();
  });
}
