// A live sled's two M.2 "update" datasets on the host's disk (<db file>.m2/<sled id>/<disk>/), so
// that a `kill -9` of the rack process loses what a real sled would not: the artifacts and the
// ledgered artifact config survive, as on omicron's M.2 datasets (sled-agent artifact_store.rs
// writes each artifact to both, and `artifact-config.json` is a Ledger on both). The simulator's
// sleds keep the same state in memory (agents/m2.ts); only this wiring touches files.
// Writes go to a temporary file renamed into place, so a kill mid-write leaves the old state or
// the new one; on load a file whose bytes do not hash to its name is dropped (omicron checks the
// hash as it writes and serves).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { M2Dataset, M2Pair, M2_COUNT, type LedgeredConfig } from '../../agents/index.js';
import type { DiskState } from '../../sim/index.js';

const LEDGER = 'artifact-config.json';

function writeAtomically(path: string, data: Uint8Array | string): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** The dataset's files: a Map that writes through to its directory. */
class FileMap extends Map<string, Uint8Array> {
  private dir = '';

  static load(dir: string): FileMap {
    const m = new FileMap();
    m.dir = dir;
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      if (createHash('sha256').update(bytes).digest('hex') === name) Map.prototype.set.call(m, name, bytes);
      else rmSync(join(dir, name), { force: true });
    }
    return m;
  }

  override set(sha256: string, bytes: Uint8Array): this {
    if (this.dir) writeAtomically(join(this.dir, sha256), bytes);
    return super.set(sha256, bytes);
  }

  override delete(sha256: string): boolean {
    if (this.dir) rmSync(join(this.dir, sha256), { force: true });
    return super.delete(sha256);
  }

  override clear(): void {
    for (const k of [...this.keys()]) this.delete(k);
  }
}

function diskDataset(disk: number, dir: string): M2Dataset {
  const d = new M2Dataset(disk);
  (d as { files: Map<string, Uint8Array> }).files = FileMap.load(dir);
  const path = join(dir, LEDGER);
  let ledger: LedgeredConfig | undefined;
  try {
    const j = JSON.parse(readFileSync(path, 'utf8')) as { generation: number; artifacts: string[] };
    ledger = { generation: j.generation, artifacts: new Set(j.artifacts) };
  } catch {
    ledger = undefined; // no ledger yet (or a torn one: omicron's Ledger would fall back to the other copy)
  }
  Object.defineProperty(d, 'ledger', {
    get: () => ledger,
    set: (v: LedgeredConfig | undefined) => {
      if (v) writeAtomically(path, JSON.stringify({ generation: v.generation, artifacts: [...v.artifacts].sort() }));
      else rmSync(path, { force: true });
      ledger = v;
    },
  });
  return d;
}

/** Both M.2 datasets of sled `name` (its id), under `root`, a folder the rack owns. */
export function diskM2Pair(disks: DiskState, root: string, name: string): M2Pair {
  const pair = new M2Pair(disks);
  (pair as { datasets: readonly M2Dataset[] }).datasets = Array.from({ length: M2_COUNT }, (_, i) => diskDataset(i, join(root, name, String(i))));
  return pair;
}
