// The external API's update routes (omicron nexus/external-api/src/lib.rs at b848b6df85,
// `system_update_repository_upload`, `system_update_repository_view`, `system_update_status`;
// handlers in nexus/src/external_api/http_entrypoints.rs and nexus/src/app/update.rs). No authn or
// authz: omicron requires a fleet-level privilege (the README's fidelity section says so).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseVersion, SemverError, type Db } from '../../sim/index.js';
import type { NexusProcess, ProcessOf } from '../process.js';
import { TufRepoInsertError } from '../tuf/datastore-tuf-insert.js';
import { repoFromZip, RepoZipError } from '../tuf/repo-zip.js';
import { updatesPutRepository } from '../tuf/upload.js';
import { errorBody, notFound } from './errors.js';
import { ERROR_RESPONSES } from './schemas/error.js';
import { SEMVER_PATTERN, TUF_REPO_SCHEMA, TUF_REPO_UPLOAD_SCHEMA, UPDATE_STATUS_SCHEMA, type TufRepoUploadView, type TufRepoView, type UpdateStatusView } from './schemas/update.js';

/** `PUT_UPDATE_REPOSITORY_MAX_BYTES` (4 GiB) is dropshot's limit; ours are kilobytes, so 64 MiB is plenty. */
export const UPDATE_REPOSITORY_BODY_LIMIT = 64 * 1024 * 1024;

/** omicron `Error::Conflict` → 409 `Conflict` (common/src/api/external/error.rs). */
function conflict(reply: FastifyReply, message: string) {
  return reply.code(409).send(errorBody(reply, message, 'Conflict'));
}

interface RepoRow {
  system_version: string;
  sha256: string;
  file_name: string;
  time_created: string;
}

const view = (r: RepoRow): TufRepoView => ({ file_name: r.file_name, hash: r.sha256, system_version: r.system_version, time_created: r.time_created });

/** `tuf_repo_get_by_version` (datastore/update.rs): a pruned repo is not found. */
function repoByVersion(db: Db, version: string): Promise<RepoRow | undefined> {
  return db.step('tuf_repo_get_by_version', (sql) => sql.prepare('SELECT system_version, sha256, file_name, time_created FROM tuf_repo WHERE system_version = ? AND time_pruned IS NULL').get(version) as RepoRow | undefined);
}

/**
 * `update_status_external`, for what the simulator has. target_release: the newest
 * `target_release` row, null while it names no repo. omicron counts components (zones, host OS,
 * SPs, RoTs) by the version inventory reports; the simulator has no inventory of software, so each
 * in-service sled counts once, under "install dataset" (nothing was ever updated).
 * time_last_step_planned is the target blueprint's time_made_target in omicron; the simulator has
 * no blueprint, so the time the first sled was recorded (rack setup) stands in. Nothing suspends
 * updates and no support check is modelled: both flags are false.
 */
async function updateStatus(p: NexusProcess): Promise<UpdateStatusView> {
  return p.db.step('update_status_external', (sql): UpdateStatusView => {
    const tr = sql
      .prepare('SELECT t.time_requested, r.system_version FROM target_release t LEFT JOIN tuf_repo r ON r.id = t.tuf_repo_id ORDER BY t.generation DESC LIMIT 1')
      .get() as { time_requested: string; system_version: string | null } | undefined;
    const sleds = sql.prepare("SELECT COUNT(*) AS n, MIN(time_created) AS first FROM sled WHERE sled_policy = 'in_service' AND time_deleted IS NULL").get() as { n: number; first: string | null };
    return {
      components_by_release_version: sleds.n > 0 ? { 'install dataset': sleds.n } : ({} as Record<string, number>),
      contact_support: false,
      suspended: false,
      target_release: tr && tr.system_version !== null ? { time_requested: tr.time_requested, version: tr.system_version } : null,
      time_last_step_planned: sleds.first ?? new Date(p.clock.now()).toISOString(),
    };
  });
}

export function updateRoutes(app: FastifyInstance, proc: ProcessOf): void {
  // In its own fastify scope: dropshot's StreamingBody takes any content type, so fastify's JSON
  // and text parsers must not see the zip first (they answered a JSON or text/plain upload with
  // their own errors), and other external routes keep them.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    repositoryRoutes(scope, proc);
  });
}

function repositoryRoutes(app: FastifyInstance, proc: ProcessOf): void {
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPDATE_REPOSITORY_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.put<{ Querystring: { file_name: string } }>(
    '/v1/system/update/repositories',
    {
      bodyLimit: UPDATE_REPOSITORY_BODY_LIMIT,
      schema: {
        querystring: { type: 'object', required: ['file_name'], properties: { file_name: { type: 'string' } } },
        response: { 200: TUF_REPO_UPLOAD_SCHEMA, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const p = proc(req);
      const body = req.body;
      if (!(body instanceof Uint8Array) || body.length === 0) return reply.code(400).send(errorBody(reply, 'error opening zip archive: empty request body'));
      let repo;
      try {
        repo = repoFromZip(body, req.query.file_name);
        parseVersion(repo.systemVersion);
      } catch (err) {
        // `HttpError::for_bad_request(None, ..)`: a 400 without an error code.
        if (err instanceof RepoZipError) return reply.code(400).send(errorBody(reply, err.message));
        if (err instanceof SemverError) return reply.code(400).send(errorBody(reply, `invalid system version "${repo?.systemVersion}": ${err.message}`));
        throw err;
      }
      p.trace('tuf.upload_received', { repo: repo.systemVersion, bytes: body.length, file_name: req.query.file_name });
      let result;
      try {
        result = await updatesPutRepository(p, repo);
      } catch (err) {
        if (err instanceof TufRepoInsertError) return conflict(reply, err.message);
        throw err;
      }
      const r = result.recorded;
      const out: TufRepoUploadView = {
        repo: { file_name: r.fileName, hash: r.sha256, system_version: r.systemVersion, time_created: r.timeCreated },
        status: result.existed ? 'already_exists' : 'inserted',
      };
      return out;
    },
  );

  app.get<{ Params: { system_version: string } }>(
    '/v1/system/update/repositories/:system_version',
    {
      schema: {
        params: { type: 'object', required: ['system_version'], properties: { system_version: { type: 'string', pattern: SEMVER_PATTERN } } },
        response: { 200: TUF_REPO_SCHEMA, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const row = await repoByVersion(proc(req).db, req.params.system_version);
      // LookupType::ByCompositeId(version).into_not_found(ResourceType::TufRepo)
      if (!row) return notFound(reply, `not found: tuf-repo with id "${req.params.system_version}"`);
      return view(row);
    },
  );

  app.get('/v1/system/update/status', { schema: { response: { 200: UPDATE_STATUS_SCHEMA, ...ERROR_RESPONSES } } }, async (req) => updateStatus(proc(req)));
}

