// Where every artifact copy is, kept from trace events (sled stores) and read from the Nexus
// processes (local repos), plus the set of artifacts the DB says are present. Shared by the
// artifact invariants; reads stores and the DB, never a flag the code under test sets.
import type { SledAgent } from '../../agents/index.js';
import { presentArtifactHashes, tufState, type Nexus } from '../../nexus/index.js';
import type { TraceEvent, World } from '../../sim/index.js';

/** DB writes that change which repos are present. */
const PRESENCE_LABELS = new Set(['tuf_repo_insert', 'tuf_repo_mark_pruned']);

export class ArtifactCopies {
  /** sha256 -> copies on sled M.2s, over all sleds. */
  private readonly sledCopies = new Map<string, number>();
  private present: Set<string>;

  constructor(
    readonly world: World,
    readonly sleds: readonly SledAgent[],
    readonly nexus: readonly Nexus[],
  ) {
    this.present = presentArtifactHashes(world.sql);
  }

  private last: TraceEvent | undefined;
  private lastResult = false;

  /**
   * Feed every trace event (each invariant using this calls it; an event is applied once). Returns
   * true when the event may have changed presence or copies.
   */
  observe(ev: TraceEvent): boolean {
    if (ev === this.last) return this.lastResult;
    this.last = ev;
    this.lastResult = this.apply(ev);
    return this.lastResult;
  }

  private apply(ev: TraceEvent): boolean {
    switch (ev.kind) {
      case 'artifact.stored':
        this.sledCopies.set(ev.sha256, (this.sledCopies.get(ev.sha256) ?? 0) + 1);
        return false;
      case 'artifact.removed':
        this.sledCopies.set(ev.sha256, (this.sledCopies.get(ev.sha256) ?? 0) - 1);
        return true;
      case 'db.tx':
        if (!PRESENCE_LABELS.has(ev.label)) return false;
        this.present = presentArtifactHashes(this.world.sql);
        return true;
      case 'tuf.local_dropped':
      case 'fault.crash':
        return true;
      default:
        return false;
    }
  }

  presentHashes(): ReadonlySet<string> {
    return this.present;
  }

  onSleds(sha256: string): number {
    return this.sledCopies.get(sha256) ?? 0;
  }

  /** Hashes held by some running Nexus (upload in progress, channel, or local repo). */
  heldByNexus(): Set<string> {
    const held = new Set<string>();
    for (const n of this.nexus) {
      if (!n.running) continue;
      for (const repo of tufState(n.process).heldRepos()) for (const a of repo.artifacts) held.add(a.sha256);
    }
    return held;
  }

  /** Repos some running Nexus still holds locally, by Nexus name. */
  localReposByNexus(): Array<[string, string[]]> {
    const out: Array<[string, string[]]> = [];
    for (const n of this.nexus) {
      if (!n.running) continue;
      const repos = tufState(n.process).heldRepos();
      if (repos.length > 0) out.push([n.name, repos.map((r) => r.systemVersion)]);
    }
    return out;
  }
}
