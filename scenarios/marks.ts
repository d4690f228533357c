// Coverage marks (TigerBeetle's `marks`, Antithesis's "sometimes" assertions): the interesting
// states each family's fixes exist for, detected from trace events only (never from a flag the code
// under test sets for the purpose). A run records which marks it reached; a sweep counts seeds per
// mark and names the marks no seed reached: a workload that never gets there proves nothing.
import type { TraceEvent } from '../sim/index.js';

export interface MarkDef {
  name: string;
  family: 'tuf' | 'sagas' | 'fm' | 'faults';
  /** Why the state matters (which fix it exists for). */
  why: string;
}

export const MARKS: readonly MarkDef[] = [
  { name: 'tuf.409-config-generation', family: 'tuf', why: 'a sled refuses a config PUT with a stale generation (409 CONFIG_GENERATION): the generation design stops a slow Nexus here' },
  { name: 'tuf.activation-aborted', family: 'tuf', why: 'an activation saw a newer generation on a sled and aborted before deleting anything' },
  { name: 'tuf.local-repo-dropped', family: 'tuf', why: 'the uploader dropped its local copy (it must have min_sled_replication copies first)' },
  { name: 'tuf.repo-pruned', family: 'tuf', why: 'a repo was pruned (a generation bump that makes sleds delete artifacts)' },
  { name: 'tuf.artifact-deleted', family: 'tuf', why: 'a sled removed an artifact by decision (reconciler or DELETE), not by disk loss' },
  { name: 'sagas.reassigned', family: 'sagas', why: 'blueprint execution moved a saga from an expunged Nexus' },
  { name: 'sagas.zone-ready-for-cleanup', family: 'sagas', why: 'inventory confirmed an expunged Nexus zone gone (the guard ready-for-cleanup waits for)' },
  { name: 'sagas.cleanup-refused', family: 'sagas', why: 'the planner found an expunged zone still running and did not mark it ready for cleanup' },
  { name: 'sagas.write-refused', family: 'sagas', why: 'a saga log/state write refused (conflict, rejected or fenced): a SEC lost the saga' },
  { name: 'sagas.recovered', family: 'sagas', why: 'a restarted Nexus recovered a saga from its log' },
  { name: 'fm.loader-not-found', family: 'fm', why: 'the sitrep loader read a sitrep that was deleted under it (NotFound; the old one stays)' },
  { name: 'fm.parent-not-current', family: 'fm', why: 'a sitrep insert refused because its parent is no longer current' },
  { name: 'fm.stale-insert-refused', family: 'fm', why: 'a rendezvous insert refused as from a stale sitrep (SitrepGuardedInsert / version guard)' },
  { name: 'fm.sitrep-gc-deleted', family: 'fm', why: 'sitrep GC deleted orphaned sitreps (what a loader may race)' },
  { name: 'fm.alert-operator-deleted', family: 'fm', why: 'an operator deleted an alert a sitrep asked for' },
  { name: 'fm.tombstone-swept', family: 'fm', why: 'the tombstone sweep hard-deleted tombstones (PR #10368 designs)' },
  { name: 'fm.rendezvous-error', family: 'fm', why: 'a rendezvous subtask failed (e.g. no capacity for a support bundle): the tracker does not advance' },
  { name: 'fm.bundle-deleted', family: 'fm', why: 'an FM support bundle was deleted' },
  { name: 'faults.nexus-crash', family: 'faults', why: 'a Nexus crashed (in-flight work lost)' },
  { name: 'faults.sled-crash', family: 'faults', why: 'a sled crashed' },
];

/** Reads the trace and records which marks were reached. */
export class MarkCollector {
  private readonly reachedSet = new Set<string>();
  /** Requests that were artifact-config PUTs to a sled (a 409 answer to one is the mark). */
  private readonly configPuts = new Set<string>();
  private readonly nexusNodes = new Set<string>();

  observe(ev: TraceEvent): void {
    const hit = (name: string) => this.reachedSet.add(name);
    switch (ev.kind) {
      case 'http.sent':
        if (ev.method === 'PUT' && ev.url.includes('/artifacts-config')) this.configPuts.add(`${ev.node}#${ev.req}`);
        return;
      case 'http.response':
        if (ev.status === 409 && this.configPuts.has(`${ev.node}#${ev.req}`)) hit('tuf.409-config-generation');
        return;
      case 'tuf.activation':
        if (ev.outcome === 'aborted') hit('tuf.activation-aborted');
        return;
      case 'tuf.local_dropped':
        return void hit('tuf.local-repo-dropped');
      case 'db.tx':
        if (ev.label === 'tuf_repo_mark_pruned') hit('tuf.repo-pruned');
        return;
      case 'artifact.removed':
        if (ev.why !== 'disk-lost') hit('tuf.artifact-deleted');
        return;
      case 'saga.reassigned':
        return void hit('sagas.reassigned');
      case 'blueprint.zone_cleanup_check':
        return void hit(ev.ready_for_cleanup ? 'sagas.zone-ready-for-cleanup' : 'sagas.cleanup-refused');
      case 'saga.node_event':
      case 'saga.state_written':
        if (ev.outcome === 'conflict' || ev.outcome === 'rejected' || ev.outcome === 'fenced') hit('sagas.write-refused');
        return;
      case 'saga.recovered':
        return void hit('sagas.recovered');
      case 'fm.sitrep.read_not_found':
        return void hit('fm.loader-not-found');
      case 'fm.sitrep.parent_not_current':
        return void hit('fm.parent-not-current');
      case 'fm.rendezvous.done':
        if (ev.stale_sitrep) hit('fm.stale-insert-refused');
        if (ev.errors > 0) hit('fm.rendezvous-error');
        return;
      case 'fm.sitrep_gc.done':
        if (ev.orphaned_sitreps_deleted > 0) hit('fm.sitrep-gc-deleted');
        return;
      case 'fm.alert.operator_deleted':
        return void hit('fm.alert-operator-deleted');
      case 'fm.tombstone.swept':
        if (ev.ids.length > 0) hit('fm.tombstone-swept');
        return;
      case 'fm.support_bundle.deleted':
        return void hit('fm.bundle-deleted');
      case 'nexus.started':
        this.nexusNodes.add(ev.node);
        return;
      case 'fault.crash':
        return void hit(this.nexusNodes.has(ev.node) ? 'faults.nexus-crash' : 'faults.sled-crash');
      default:
        return;
    }
  }

  reached(): string[] {
    return MARKS.map((m) => m.name).filter((n) => this.reachedSet.has(n));
  }
}

/** A sweep's mark table: seeds per mark; the marks no seed reached are named. */
export function formatMarks(perRun: readonly (readonly string[] | undefined)[]): string {
  const runs = perRun.filter((m): m is readonly string[] => m !== undefined);
  if (runs.length === 0) return '';
  const lines = MARKS.map((m) => {
    const n = runs.filter((r) => r.includes(m.name)).length;
    return `  ${m.name.padEnd(30)} ${String(n).padStart(6)} / ${runs.length}${n === 0 ? '   NEVER REACHED' : ''}`;
  });
  const never = MARKS.filter((m) => !runs.some((r) => r.includes(m.name))).map((m) => m.name);
  return ['marks (seeds that reached each):', ...lines, never.length ? `marks no seed reached: ${never.join(', ')}` : 'every mark was reached'].join('\n');
}
