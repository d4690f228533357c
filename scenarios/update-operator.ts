// The operator's side of the external update API: what `oxide system update repo upload` does
// (build nothing, PUT the zip to /v1/system/update/repositories?file_name=...) and the status
// reads, from a node of its own on the fabric, or from the host against a live rack. The zip is
// built here (`tufaceous assemble`'s job) from a generated repo (nexus/tuf/repo-zip.ts says what
// it holds). The client sets no deadline: an upload of a real repo (GiBs) would not fit in
// progenitor's 15 s, and the scenarios' slow Nexus must be waited for, not given up on.
import type { Nexus, TufRepoUploadView, TufRepoView, TufRepository, UpdateStatusView } from '../nexus/index.js';
import { repoToZip } from '../nexus/tuf/repo-zip.js';
import type { Fetch, NodeContext, World } from '../sim/index.js';

export const OPERATOR_NODE = 'operator';
const OPERATOR_IP = 'fd00:1122:3344:1::98';

export interface Answer<T> {
  status: number;
  body?: T;
}

/** A non-2xx answer: dropshot's error body, as the CLI prints it. */
export class UpdateApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message?: string; error_code?: string; request_id?: string } | undefined,
  ) {
    super(`${status}${body?.error_code ? ` ${body.error_code}` : ''}: ${body?.message ?? ''}`);
    this.name = 'UpdateApiError';
  }
}

export class UpdateClient {
  constructor(private readonly fetch: Fetch) {}

  private async call<T>(url: string, init: RequestInit = {}): Promise<Answer<T>> {
    const res = await this.fetch(url, init);
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as T) : undefined };
  }

  /** PUT of raw bytes (any zip, or not a zip at all: tests send bad bodies through here too). */
  putRepositoryBytes(baseUrl: string, fileName: string, bytes: Uint8Array): Promise<Answer<TufRepoUploadView>> {
    return this.call(`${baseUrl}/v1/system/update/repositories?file_name=${encodeURIComponent(fileName)}`, {
      method: 'PUT',
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: { 'content-type': 'application/octet-stream' },
    });
  }

  /** Builds `repo`'s zip and uploads it; throws UpdateApiError unless the answer is 200. */
  async uploadRepo(baseUrl: string, repo: TufRepository): Promise<TufRepoUploadView> {
    const a = await this.putRepositoryBytes(baseUrl, repo.fileName, repoToZip(repo));
    if (a.status !== 200 || !a.body) throw new UpdateApiError(a.status, a.body as never);
    return a.body;
  }

  status(baseUrl: string): Promise<Answer<UpdateStatusView>> {
    return this.call(`${baseUrl}/v1/system/update/status`);
  }

  repository(baseUrl: string, systemVersion: string): Promise<Answer<TufRepoView>> {
    return this.call(`${baseUrl}/v1/system/update/repositories/${encodeURIComponent(systemVersion)}`);
  }
}

const onWorlds = new WeakMap<World, UpdateOperator>();

/** The operator on a simulated rack's fabric: one node per world, made on first use. */
export class UpdateOperator extends UpdateClient {
  private constructor(readonly ctx: NodeContext) {
    super(ctx.fetch);
  }

  static onWorld(world: World): UpdateOperator {
    let op = onWorlds.get(world);
    if (!op) onWorlds.set(world, (op = new UpdateOperator(world.addNode(OPERATOR_NODE, OPERATOR_IP))));
    return op;
  }

  /** Uploads `repo` to Nexus `n`'s external API. */
  upload(n: Nexus, repo: TufRepository): Promise<TufRepoUploadView> {
    return this.uploadRepo(n.externalUrl, repo);
  }
}

/** The id the DB gave an uploaded repo (harness bookkeeping for scripts that later prune it: the
 * external API names repos by version; read directly, it costs the run no step). */
export function repoIdOf(world: World, systemVersion: string): string {
  const row = world.sql.prepare('SELECT id FROM tuf_repo WHERE system_version = ?').get(systemVersion) as { id: string } | undefined;
  if (!row) throw new Error(`no tuf_repo row for ${systemVersion}`);
  return row.id;
}
