// Wire types of the sled-agent and repo-depot APIs as Nexus sees them (Nexus never imports agents/).

/** The sled columns the client needs. */
export interface SledRow {
  id: string;
  ip: string;
  port: number;
  repo_depot_port: number;
}

export interface ArtifactConfig {
  generation: number;
  /** Sorted lowercase hex SHA-256s (a BTreeSet on the wire). */
  artifacts: string[];
}

export interface ArtifactListResponse {
  generation: number;
  list: Record<string, number>;
}

/** v1 (before omicron PR #7519): `GET /artifacts` is a plain map. */
export type ArtifactListV1 = Record<string, number>;

export interface ArtifactPutResponse {
  datasets: number;
  successful_writes: number;
}

export interface SledInventory {
  sled_id: string;
  sled_agent_address: string;
  repo_depot_port: number;
  m2: Array<{ disk: number; ok: boolean }>;
}

/** Dropshot's error body. */
export interface ErrorBody {
  request_id: string;
  error_code?: string;
  message: string;
}
