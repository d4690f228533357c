// Sitrep invariants, from trace events and the shared DB:
// - loaded-sitrep-matches-inserted: when a sitrep is made current (the history row's statement
//   emits fm.sitrep.made_current), the checker snapshots its content with its own queries; every
//   fm.sitrep.loaded a loader publishes must equal that snapshot (a torn read would not).
// - loaders-catch-up (liveness): after heal, every running Nexus's last published sitrep (its
//   latest fm.sitrep.loaded since it last started) is the current one in the DB.
// - parent-current-when-made-current: read from the DB after every statement: history versions
//   are contiguous and each new history row's sitrep has the previous row's sitrep as its parent.
import type { Sqlite, TraceEvent } from '../../sim/index.js';
import type { Invariant } from '../types.js';
import { alertRequestContent, cachedStatement as q, type SitrepSummary } from '../../nexus/index.js';

/** A sitrep's content as the checkers compare it (alert_request_content holds id, alert_class and
 * payload of each request, so a request whose content tore is seen too). */
export type SitrepSnapshot = Omit<SitrepSummary, 'sitrep_id' | 'version'>;

const ids = (sql: Sqlite, table: string, sitrepId: string): string[] =>
  (q(sql, `SELECT id FROM ${table} WHERE sitrep_id = ? ORDER BY id`).all(sitrepId) as { id: string }[]).map((r) => r.id);

export function snapshotSitrep(sql: Sqlite, sitrepId: string): SitrepSnapshot | undefined {
  const m = q(sql, 'SELECT parent_sitrep_id, alert_generation, support_bundle_generation FROM fm_sitrep WHERE id = ?').get(sitrepId) as
    | Omit<SitrepSnapshot, 'case_ids' | 'alert_request_ids' | 'alert_request_content' | 'bundle_request_ids'>
    | undefined;
  if (!m) return undefined;
  return {
    ...m,
    case_ids: ids(sql, 'fm_case', sitrepId),
    alert_request_ids: ids(sql, 'fm_alert_request', sitrepId),
    alert_request_content: (
      q(sql, 'SELECT id, alert_class, payload FROM fm_alert_request WHERE sitrep_id = ? ORDER BY id').all(sitrepId) as { id: string; alert_class: string; payload: string }[]
    ).map(alertRequestContent),
    bundle_request_ids: ids(sql, 'fm_support_bundle_request', sitrepId),
  };
}

/** What every FM checker shares: the snapshots of sitreps that became current. Every invariant
 * that needs it feeds it (idempotently), so it keeps up even after one invariant has fired. */
export class SitrepLedger {
  readonly made = new Map<string, SitrepSnapshot>();
  constructor(private readonly sql: Sqlite) {}

  observe(ev: TraceEvent): void {
    if (ev.kind !== 'fm.sitrep.made_current' || this.made.has(ev.sitrep_id)) return;
    const snap = snapshotSitrep(this.sql, ev.sitrep_id);
    if (snap) this.made.set(ev.sitrep_id, snap);
  }
}

function describeDiff(want: SitrepSnapshot, got: SitrepSummary): string | undefined {
  for (const k of Object.keys(want) as (keyof SitrepSnapshot)[]) {
    const w = want[k];
    const published = got[k];
    const g = Array.isArray(published) ? [...published].sort() : published;
    if (JSON.stringify(w) !== JSON.stringify(g)) return `${k}: inserted ${JSON.stringify(w)}, published ${JSON.stringify(got[k])}`;
  }
  return undefined;
}

export function loadedSitrepMatchesInserted(ledger: SitrepLedger): Invariant {
  return {
    name: 'loaded-sitrep-matches-inserted',
    kind: 'safety',
    description: 'a loader never publishes a sitrep whose content differs from what was inserted (no torn read)',
    onEvent(ev) {
      ledger.observe(ev);
      if (ev.kind !== 'fm.sitrep.loaded') return undefined;
      const id = ev.sitrep_id;
      const want = ledger.made.get(id);
      if (!want) return `${ev.node} published sitrep ${id}, which never became current`;
      const diff = describeDiff(want, ev);
      return diff ? `${ev.node} published a torn sitrep ${id} (version ${ev.version}): ${diff}` : undefined;
    },
  };
}

interface HistoryRow {
  version: number;
  sitrep_id: string;
  /** From fm_sitrep; undefined when the history row names a sitrep with no metadata row. */
  parent_sitrep_id: string | null | undefined;
  has_metadata: number;
}

/** Reads the DB itself, not an event the guarded commit emits: after every DB statement, the
 * history rows newer than the last one seen (one indexed range query on the primary key). */
export function parentCurrentWhenMadeCurrent(sql: Sqlite): Invariant {
  let last: { version: number; sitrep_id: string } | undefined;
  return {
    name: 'parent-current-when-made-current',
    kind: 'safety',
    description: 'history versions are contiguous and each sitrep made current has the previous current sitrep as its parent',
    onEvent(ev) {
      if (ev.kind !== 'db.step' && ev.kind !== 'db.tx') return undefined;
      const rows = q(
        sql,
        `SELECT h.version, h.sitrep_id, s.parent_sitrep_id, s.id IS NOT NULL AS has_metadata
         FROM fm_sitrep_history h LEFT JOIN fm_sitrep s ON s.id = h.sitrep_id WHERE h.version > ? ORDER BY h.version`,
      ).all(last?.version ?? 0) as HistoryRow[];
      for (const r of rows) {
        const prev = last;
        last = { version: r.version, sitrep_id: r.sitrep_id };
        const wantVersion = (prev?.version ?? 0) + 1;
        if (r.version !== wantVersion) return `sitrep ${r.sitrep_id} got history version ${r.version}, expected ${wantVersion}`;
        if (!r.has_metadata) return `sitrep ${r.sitrep_id} was made current (version ${r.version}) with no fm_sitrep row`;
        const parent = r.parent_sitrep_id ?? null;
        if (parent !== (prev?.sitrep_id ?? null)) {
          return `sitrep ${r.sitrep_id} made current (version ${r.version}) with parent ${parent ?? 'none'}, but ${prev?.sitrep_id ?? 'none'} was current`;
        }
      }
      return undefined;
    },
  };
}

/** Who runs a loader: a Nexus's trace node name and whether it is up. */
export interface LoaderNode {
  readonly name: string;
  readonly running: boolean;
}

export function loadersCatchUp(sql: Sqlite, nexus: readonly LoaderNode[]): Invariant {
  // Per node: the sitrep its current incarnation last published (none right after a (re)start).
  const published = new Map<string, string | undefined>();
  return {
    name: 'loaders-catch-up',
    kind: 'liveness',
    description: 'after heal, every running Nexus has published the current sitrep',
    onEvent(ev) {
      if (ev.kind === 'nexus.started') published.set(ev.node, undefined);
      else if (ev.kind === 'fm.sitrep.loaded') published.set(ev.node, ev.sitrep_id);
      return undefined;
    },
    atEnd() {
      const current = (q(sql, 'SELECT sitrep_id FROM fm_sitrep_history ORDER BY version DESC LIMIT 1').get() as { sitrep_id: string } | undefined)?.sitrep_id;
      if (current === undefined) return undefined;
      const behind = nexus.filter((n) => n.running && published.get(n.name) !== current);
      if (behind.length === 0) return undefined;
      return `current sitrep is ${current}; ${behind.map((n) => `${n.name} published ${published.get(n.name) ?? 'nothing'}`).join(', ')}`;
    },
  };
}
