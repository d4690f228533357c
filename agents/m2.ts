// The two simulated M.2 "update" datasets of one sled. This is the sled's durable state: it
// survives a crash/restart of the sled agent (the agent object keeps it; only in-memory state is
// dropped). A dataset on a failed disk is invisible.
import type { DiskState } from '../sim/index.js';

/** An `ArtifactConfig` as the sled holds it (the wire form's list as a set). */
export interface LedgeredConfig {
  generation: number;
  artifacts: Set<string>;
}

export class M2Dataset {
  /** sha256 hex -> bytes. The same Uint8Array is shared by both datasets: never copy bytes. */
  readonly files = new Map<string, Uint8Array>();
  /** The ledgered ArtifactConfig (omicron's `artifact-config.json` on this dataset). */
  ledger: LedgeredConfig | undefined;

  constructor(readonly disk: number) {}

  /** A replaced M.2 comes back blank. */
  wipe(): void {
    this.files.clear();
    this.ledger = undefined;
  }
}

export const M2_COUNT = 2;

export class M2Pair {
  readonly datasets: readonly M2Dataset[] = Array.from({ length: M2_COUNT }, (_, i) => new M2Dataset(i));

  constructor(private readonly disks: DiskState) {}

  /** Datasets on disks that have not failed, in disk order. */
  live(): M2Dataset[] {
    return this.datasets.filter((d) => !this.disks.failed(d.disk));
  }

  isLive(disk: number): boolean {
    return disk >= 0 && disk < M2_COUNT && !this.disks.failed(disk);
  }

  /** The newest ledgered config over the live datasets (omicron's Ledger reads all copies). */
  ledgered(): LedgeredConfig | undefined {
    let best: LedgeredConfig | undefined;
    for (const d of this.live()) if (d.ledger && (!best || d.ledger.generation > best.generation)) best = d.ledger;
    return best;
  }
}

export function sameConfig(a: LedgeredConfig, b: LedgeredConfig): boolean {
  if (a.generation !== b.generation || a.artifacts.size !== b.artifacts.size) return false;
  for (const h of a.artifacts) if (!b.artifacts.has(h)) return false;
  return true;
}
