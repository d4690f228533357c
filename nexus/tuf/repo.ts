// A generated TUF repository, as `updates_put_repository` sees it once unpacked: a manifest of
// artifacts with deterministic content. Each artifact's bytes are a small real blob derived from
// (seed, system version, artifact name); its declared size is recorded in the DB. One Uint8Array
// per artifact is shared by every store that holds it: never copy it.
import { createHash } from 'node:crypto';

export interface TufArtifact {
  name: string;
  version: string;
  kind: string;
  sha256: string;
  /** Declared size (the real artifact's); the blob itself is small. */
  size: number;
  bytes: Uint8Array;
}

export interface TufRepository {
  systemVersion: string;
  fileName: string;
  /** SHA-256 of the repo archive (here: of its manifest). */
  sha256: string;
  targetsRoleVersion: number;
  artifacts: readonly TufArtifact[];
}

/** Artifact kinds of an omicron TUF repo, cycled through when generating. */
const KINDS = ['gimlet_sp', 'gimlet_rot_image_a', 'host_phase_1', 'host_phase_2', 'switch_sp', 'psc_sp', 'zone', 'installinator_document'];
const BLOB_BYTES = 256;

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function blob(seed: number, systemVersion: string, name: string): Uint8Array {
  const bytes = new Uint8Array(BLOB_BYTES);
  const head = new TextEncoder().encode(`rack-sim tuf artifact seed=${seed} repo=${systemVersion} name=${name}\n`);
  bytes.set(head.subarray(0, BLOB_BYTES));
  // Fill the rest from a hash chain so blobs differ everywhere, not just in the header.
  let block = createHash('sha256').update(head).digest();
  for (let off = head.length; off < BLOB_BYTES; off += block.length) {
    bytes.set(block.subarray(0, Math.min(block.length, BLOB_BYTES - off)), off);
    block = createHash('sha256').update(block).digest();
  }
  return bytes;
}

export interface RepoSpec {
  seed: number;
  /** e.g. "18.0.0". */
  systemVersion: string;
  artifacts: number;
  /** Declared size of artifact i (bytes); default 64 MiB. */
  sizeOf?: (i: number) => number;
}

export function generateRepo(spec: RepoSpec): TufRepository {
  const artifacts: TufArtifact[] = [];
  for (let i = 0; i < spec.artifacts; i++) {
    const kind = KINDS[i % KINDS.length];
    const name = `${kind}-${i}`;
    const bytes = blob(spec.seed, spec.systemVersion, name);
    artifacts.push({ name, version: spec.systemVersion, kind, sha256: sha256(bytes), size: spec.sizeOf?.(i) ?? 64 * 1024 * 1024, bytes });
  }
  const manifest = artifacts.map((a) => `${a.kind} ${a.name} ${a.version} ${a.sha256} ${a.size}`).join('\n');
  return {
    systemVersion: spec.systemVersion,
    fileName: `repo-${spec.systemVersion}.zip`,
    sha256: sha256(`${spec.systemVersion}\n${manifest}`),
    targetsRoleVersion: 1,
    artifacts,
  };
}
