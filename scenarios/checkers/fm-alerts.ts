// Alert invariants, from trace events and the shared DB (queried after every DB statement):
// - deleted-alert-never-recreated: once an operator deleted an alert, no live row (time_deleted
//   IS NULL) with that id exists again.
// - alerts-only-from-current-sitreps: every alert row is asked for by a sitrep that became current.
// - markers-bounded-after-heal (liveness): after heal, resurrection guards (markers plus
//   tombstones) number at most the current sitrep's alert requests, and each guards an alert the
//   current sitrep requests (a rack with many open cases would hide a leak from the count alone).
import type { Sqlite, TraceEvent } from '../../sim/index.js';
import type { Invariant } from '../types.js';
import type { SitrepLedger } from './fm-sitrep.js';
import { cachedStatement as q } from '../../nexus/index.js';

const isDbStatement = (ev: TraceEvent) => ev.kind === 'db.step' || ev.kind === 'db.tx';

export function deletedAlertNeverRecreated(sql: Sqlite): Invariant {
  const deleted: string[] = [];
  const check = (): string | undefined => {
    if (deleted.length === 0) return undefined;
    const back = q(sql, `SELECT id FROM alert WHERE time_deleted IS NULL AND id IN (${deleted.map(() => '?').join(',')}) ORDER BY id LIMIT 1`)
      .get(...deleted) as { id: string } | undefined;
    return back ? `alert ${back.id} was deleted by an operator and re-created` : undefined;
  };
  return {
    name: 'deleted-alert-never-recreated',
    kind: 'safety',
    description: 'a deleted alert is never re-created',
    onEvent(ev) {
      if (ev.kind === 'fm.alert.operator_deleted') deleted.push(ev.alert_id);
      return isDbStatement(ev) ? check() : undefined;
    },
    atEnd: check,
  };
}

export function alertsOnlyFromCurrentSitreps(sql: Sqlite, ledger: SitrepLedger): Invariant {
  const known = new Set<string>();
  return {
    name: 'alerts-only-from-current-sitreps',
    kind: 'safety',
    description: 'only a sitrep that became current causes alerts',
    onEvent(ev) {
      ledger.observe(ev);
      if (!isDbStatement(ev)) return undefined;
      for (const { id } of q(sql, 'SELECT id FROM alert ORDER BY id').all() as { id: string }[]) {
        if (known.has(id)) continue;
        let requested = false;
        for (const snap of ledger.made.values()) if (snap.alert_request_ids.includes(id)) requested = true;
        if (!requested) return `alert ${id} exists but no sitrep that became current requests it`;
        known.add(id);
      }
      return undefined;
    },
  };
}

export function markersBoundedAfterHeal(sql: Sqlite): Invariant {
  return {
    name: 'markers-bounded-after-heal',
    kind: 'liveness',
    description: 'after heal, markers plus tombstones number at most the current sitrep\'s alert requests',
    atEnd() {
      const one = (text: string) => (q(sql, text).get() as { n: number }).n;
      const markers = one('SELECT COUNT(*) AS n FROM rendezvous_alert_created');
      const tombstones = one('SELECT COUNT(*) AS n FROM alert WHERE time_deleted IS NOT NULL');
      const live = one(
        'SELECT COUNT(*) AS n FROM fm_alert_request WHERE sitrep_id = (SELECT sitrep_id FROM fm_sitrep_history ORDER BY version DESC LIMIT 1)',
      );
      if (markers + tombstones > live) return `${markers} marker(s) + ${tombstones} tombstone(s) > ${live} live alert request(s)`;
      const stray = q(
        sql,
        `WITH cur AS (SELECT sitrep_id FROM fm_sitrep_history ORDER BY version DESC LIMIT 1),
              guard AS (SELECT alert_id AS id, 'marker' AS what FROM rendezvous_alert_created
                        UNION ALL SELECT id, 'tombstone' FROM alert WHERE time_deleted IS NOT NULL)
         SELECT COUNT(*) AS n, MIN(what || ' ' || id) AS first FROM guard
         WHERE id NOT IN (SELECT r.id FROM fm_alert_request r, cur WHERE r.sitrep_id = cur.sitrep_id)`,
      ).get() as { n: number; first: string | null };
      return stray.n > 0 ? `${stray.n} guard(s) for alerts the current sitrep no longer requests (first: ${stray.first})` : undefined;
    },
  };
}
