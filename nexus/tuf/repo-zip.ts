// The body of `PUT /v1/system/update/repositories`: a zip, as omicron's tufaceous
// `RepositoryLoader::load_zip_stream` reads it (nexus/src/app/update.rs `updates_put_repository`).
//
// What a real TUF repo zip holds: `repo/metadata/{root,targets,snapshot,timestamp}.json` (signed
// TUF roles, checked against the trust store's root roles) and `repo/targets/<sha256>.<name>`
// (the artifacts, including `artifacts.json`, the manifest naming each artifact's kind and version).
// What ours holds: `repo/metadata/artifacts.json` (the manifest: system version, targets role
// version, each artifact's kind, name, version, sha256 and declared size; unsigned: the simulator
// has no trust store) and `repo/targets/<sha256>.<name>` (each artifact's small real blob). The
// loader checks what tufaceous checks that the simulator can: the layout, the manifest's shape,
// that every artifact is there and hashes to its manifest sha256. As with
// `compute_archive_sha256(true)`, the repo's hash is the SHA-256 of the archive bytes.
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { TufArtifact, TufRepository } from './repo.js';

export const MANIFEST_PATH = 'repo/metadata/artifacts.json';
const TARGETS_DIR = 'repo/targets/';
/** A fixed entry time, in local-time fields so the archive's bytes do not depend on TZ (the DOS
 * timestamps fflate writes are local). Same repo, same bytes, same hash: a re-upload matches. */
const MTIME = new Date(1980, 0, 1, 0, 0, 0);

interface Manifest {
  system_version: string;
  targets_role_version: number;
  artifacts: Array<{ kind: string; name: string; version: string; sha256: string; size: number; target: string }>;
}

/** tufaceous's repository errors: the upload is refused with a 400 (`is_repository_error`). */
export class RepoZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepoZipError';
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const targetName = (a: TufArtifact) => `${a.sha256}.${a.name}`;

/** The archive an operator uploads for `repo` (what `tufaceous assemble` would build). */
export function repoToZip(repo: TufRepository): Uint8Array {
  const manifest: Manifest = {
    system_version: repo.systemVersion,
    targets_role_version: repo.targetsRoleVersion,
    artifacts: repo.artifacts.map((a) => ({ kind: a.kind, name: a.name, version: a.version, sha256: a.sha256, size: a.size, target: targetName(a) })),
  };
  const files: Zippable = { [MANIFEST_PATH]: strToU8(JSON.stringify(manifest, null, 2)) };
  for (const a of repo.artifacts) files[TARGETS_DIR + targetName(a)] = a.bytes;
  return zipSync(files, { level: 0, mtime: MTIME });
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function parseManifest(text: string): Manifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (err) {
    throw new RepoZipError(`error parsing ${MANIFEST_PATH}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const o = m as Partial<Manifest> | null;
  if (!o || typeof o !== 'object' || !isStr(o.system_version) || !isCount(o.targets_role_version) || !Array.isArray(o.artifacts)) {
    throw new RepoZipError(`${MANIFEST_PATH}: expected {system_version, targets_role_version, artifacts}`);
  }
  o.artifacts.forEach((a, i) => {
    if (!a || !isStr(a.kind) || !isStr(a.name) || !isStr(a.version) || !/^[0-9a-f]{64}$/.test(a.sha256 ?? '') || !isCount(a.size) || !isStr(a.target)) {
      throw new RepoZipError(`${MANIFEST_PATH}: artifact ${i}: expected {kind, name, version, sha256 (64 hex digits), size, target}`);
    }
  });
  return o as Manifest;
}

/** Unpacks an uploaded archive; throws RepoZipError for anything tufaceous would refuse. */
export function repoFromZip(bytes: Uint8Array, fileName: string): TufRepository {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    throw new RepoZipError(`error opening zip archive: ${err instanceof Error ? err.message : String(err)}`);
  }
  const raw = files[MANIFEST_PATH];
  if (!raw) throw new RepoZipError(`zip archive has no ${MANIFEST_PATH}`);
  const manifest = parseManifest(strFromU8(raw));
  const seen = new Set<string>();
  const artifacts: TufArtifact[] = manifest.artifacts.map((a) => {
    const key = `${a.kind}/${a.name}/${a.version}`;
    if (seen.has(key)) throw new RepoZipError(`duplicate artifact ${a.kind} ${a.name} ${a.version}`);
    seen.add(key);
    const blob = files[TARGETS_DIR + a.target];
    if (!blob) throw new RepoZipError(`target ${a.target} is missing from the archive`);
    const got = sha256(blob);
    if (got !== a.sha256) throw new RepoZipError(`target ${a.target}: expected sha256 ${a.sha256}, got ${got}`);
    return { name: a.name, version: a.version, kind: a.kind, sha256: a.sha256, size: a.size, bytes: blob };
  });
  return { systemVersion: manifest.system_version, fileName, sha256: sha256(bytes), targetsRoleVersion: manifest.targets_role_version, artifacts };
}
