// The typed sled-agent client Nexus uses, over the `fetch` it was given. URLs are built from the
// sled row, as omicron builds them from the `sled` table. A non-2xx answer throws SledAgentError;
// network failures (refused, reset, timeout) propagate as fetch raised them. Like omicron's
// progenitor client (clients/sled-agent-client), every request carries `api-version` with the
// version of the document the client was generated from. Wire types are the sled agent's own,
// taken with `import type` only (nexus/ loads no agents/ code; see test/wire/layout.test.ts).
import type { ClientTimeouts, Fetch, FetchInit } from '../sim/index.js';
import type { SledRow } from './db/datastore-sled.js';
import type {
  ApiVersionHeader,
  ArtifactConfig,
  ArtifactListResponse,
  ArtifactListV1,
  ArtifactPutResponse,
  ErrorBody,
  Inventory,
  SledAgentApiVersion,
} from '../agents/types/index.js';

/** `Client::api_version()`: the `info.version` of openapi/sled-agent/sled-agent-latest.json. */
export const SLED_AGENT_CLIENT_API_VERSION: SledAgentApiVersion = '48.0.0';
const VERSION_HEADER: ApiVersionHeader = 'api-version';

/** The sled columns the client needs. */
export type SledAddress = Pick<SledRow, 'id' | 'ip' | 'port' | 'repo_depot_port'>;

export class SledAgentError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string | undefined,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'SledAgentError';
  }
}

/** omicron's `default_reqwest_client_builder` (nexus/networking/src/sled_client.rs): 60 s to
 * connect, 60 s for the whole request. */
export const SLED_CLIENT_TIMEOUTS: ClientTimeouts = { connectMs: 60_000, requestMs: 60_000 };

export interface SledAgentClientOptions {
  /** Deadlines; omicron's sled client's when absent. */
  timeouts?: ClientTimeouts;
}

export class SledAgentClient {
  readonly sledId: string;
  readonly baseUrl: string;
  /** What this sled's repo depot is reached at, e.g. as another sled's copy source. */
  readonly depotBaseUrl: string;

  constructor(
    private readonly fetch: Fetch,
    sled: SledAddress,
    private readonly opts: SledAgentClientOptions = {},
  ) {
    this.sledId = sled.id;
    this.baseUrl = `http://[${sled.ip}]:${sled.port}`;
    this.depotBaseUrl = `http://[${sled.ip}]:${sled.repo_depot_port}`;
  }

  artifactConfigGet(): Promise<ArtifactConfig> {
    return this.json('GET', '/artifacts-config');
  }

  async artifactConfigPut(config: ArtifactConfig): Promise<void> {
    await this.call('PUT', '/artifacts-config', jsonBody(config));
  }

  artifactList(): Promise<ArtifactListResponse> {
    return this.json('GET', '/artifacts');
  }

  artifactListV1(): Promise<ArtifactListV1> {
    return this.json('GET', '/artifacts');
  }

  /** `generation` is omitted under the v1 protocol. */
  artifactPut(sha256: string, generation: number | undefined, bytes: Uint8Array): Promise<ArtifactPutResponse> {
    return this.json('PUT', `/artifacts/${sha256}${genQuery(generation)}`, {
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes as Uint8Array<ArrayBuffer>, // BodyInit wants an ArrayBuffer-backed view
    });
  }

  /** Resolves when the sled accepted the copy (202); the copy itself finishes later. */
  async artifactCopyFromDepot(sha256: string, generation: number | undefined, depotBaseUrl: string): Promise<void> {
    await this.call('POST', `/artifacts/${sha256}/copy-from-depot${genQuery(generation)}`, jsonBody({ depot_base_url: depotBaseUrl }));
  }

  /** v1 only. */
  async artifactDelete(sha256: string): Promise<void> {
    await this.call('DELETE', `/artifacts/${sha256}`);
  }

  inventory(): Promise<Inventory> {
    return this.json('GET', '/inventory');
  }

  private async json<T>(method: string, path: string, init: FetchInit = {}): Promise<T> {
    return (await (await this.call(method, path, init)).json()) as T;
  }

  private async call(method: string, path: string, init: FetchInit = {}): Promise<Response> {
    const headers = { ...init.headers, [VERSION_HEADER]: SLED_AGENT_CLIENT_API_VERSION };
    const res = await this.fetch(`${this.baseUrl}${path}`, { ...init, headers, method, timeouts: this.opts.timeouts ?? SLED_CLIENT_TIMEOUTS });
    if (res.ok) return res;
    const text = await res.text();
    let body: Partial<ErrorBody> = {};
    try {
      body = JSON.parse(text) as ErrorBody;
    } catch {
      body = { message: text };
    }
    throw new SledAgentError(res.status, body.error_code, body.message ?? `status ${res.status}`, body.request_id);
  }
}

function genQuery(generation: number | undefined): string {
  return generation === undefined ? '' : `?generation=${generation}`;
}

function jsonBody(value: unknown): FetchInit {
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
