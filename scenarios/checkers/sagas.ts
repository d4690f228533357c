// Saga checkers. Everything is derived from trace events the datastore emits at the instant a
// statement takes effect (saga.created/reassigned/node_event/state_written/stuck_check), the
// SECs' action start/finish events, and the saga table itself.
import type { Sqlite, TraceEvent } from '../../sim/index.js';
import type { Invariant } from '../types.js';

/**
 * No SEC starts an action of a saga it no longer owns, and two SECs never run actions of one saga
 * at once under the current ownership. An action belongs to the ownership under which its
 * `started` node event was written (fenced or not: a fence that logs but lets the action run is
 * still caught); an action with no recorded authorization counts as authorized now. The node the
 * old SEC had in flight when the saga was adopted may overlap the adopter's re-run of it: steno
 * re-runs started-but-unfinished nodes, so actions must be idempotent, and no fence at the DB can
 * stop an action already running. SCENARIOS.md's "never runs in two SECs at once" is therefore
 * checked as "never starts in a SEC that lost the saga".
 */
export function actionInOneSec(): Invariant {
  let seq = 0;
  const adoptedSeq = new Map<string, number>();
  const owner = new Map<string, string>();
  const authorizedSeq = new Map<string, number>();
  const running = new Map<string, Map<string, { node: number; auth: number; nexus: string }>>();
  return {
    name: 'action-in-one-sec',
    kind: 'safety',
    description: "a saga's action never starts in a SEC that lost the saga, nor runs in two SECs at once",
    onEvent(ev: TraceEvent) {
      seq++;
      switch (ev.kind) {
        case 'saga.created':
          owner.set(ev.saga, ev.sec);
          return undefined;
        case 'saga.reassigned':
          adoptedSeq.set(ev.saga, seq);
          owner.set(ev.saga, ev.sec);
          return undefined;
        case 'saga.node_event':
          if (ev.event_type === 'started') authorizedSeq.set(`${ev.saga}|${ev.sec}|${ev.node_id}`, seq);
          return undefined;
        case 'fault.crash':
          // A crashed process runs nothing any more (ev.node is the Nexus's node name).
          for (const bySec of running.values()) for (const [sec, r] of [...bySec]) if (r.nexus === ev.node) bySec.delete(sec);
          return undefined;
        case 'saga.action_finished':
          running.get(ev.saga)?.delete(ev.sec);
          return undefined;
        case 'saga.action_started': {
          const { saga, sec } = ev;
          const auth = authorizedSeq.get(`${saga}|${sec}|${ev.node_id}`) ?? seq;
          let bySec = running.get(saga);
          if (!bySec) running.set(saga, (bySec = new Map()));
          bySec.set(sec, { node: ev.node_id, auth, nexus: ev.node });
          const adopted = adoptedSeq.get(saga) ?? 0;
          if (auth < adopted) return undefined;
          const current = owner.get(saga);
          if (adopted > 0 && current !== undefined && sec !== current) {
            return `saga ${saga}: SEC ${sec} (${ev.node}) started node ${ev.node_id} after the saga was adopted by SEC ${current}`;
          }
          for (const [other, r] of bySec) {
            if (other === sec || r.auth < adopted) continue;
            return `saga ${saga}: SEC ${sec} (${ev.node}) started node ${ev.node_id} while SEC ${other} (${r.nexus}) is running node ${r.node}`;
          }
          return undefined;
        }
        default:
          return undefined;
      }
    },
  };
}

/** A saga's row and node-event log are only written by its current SEC (what fencing ensures). */
export function logWrittenByCurrentSec(): Invariant {
  const current = new Map<string, string>();
  return {
    name: 'log-written-by-current-sec',
    kind: 'safety',
    description: "a saga's row and node-event log are only written by its current SEC",
    onEvent(ev: TraceEvent) {
      let what: string;
      switch (ev.kind) {
        case 'saga.created':
        case 'saga.reassigned':
          current.set(ev.saga, ev.sec);
          return undefined;
        case 'saga.node_event':
          if (ev.outcome !== 'inserted') return undefined;
          what = `node event ${ev.node_id}/${ev.event_type}`;
          break;
        case 'saga.state_written':
          if (ev.outcome !== 'updated') return undefined;
          what = `state ${ev.state}`;
          break;
        default:
          return undefined;
      }
      const cur = current.get(ev.saga);
      if (cur !== undefined && ev.sec !== cur) return `saga ${ev.saga}: SEC ${ev.sec} (${ev.node}) wrote ${what} while current_sec is ${cur}`;
      return undefined;
    },
  };
}

/** Liveness: after heal every saga that is not abandoned is done. */
export function sagasEndDone(sql: Sqlite): Invariant {
  return {
    name: 'sagas-end-done',
    kind: 'liveness',
    description: 'every saga that is not abandoned ends done after heal',
    atEnd() {
      const open = sql.prepare(`SELECT id, saga_state, current_sec FROM saga WHERE saga_state NOT IN ('done', 'abandoned') ORDER BY id`).all() as {
        id: string;
        saga_state: string;
        current_sec: string;
      }[];
      if (open.length === 0) return undefined;
      return open.map((r) => `saga ${r.id} is ${r.saga_state} (current_sec ${r.current_sec})`).join('; ');
    },
  };
}

/** A saga is reported stuck iff it is running/unwinding and older than omicron's threshold by the
 * checking Nexus's clock, compared with the saga table at the instant of the check. The threshold
 * is this checker's own copy of omicron's (nexus/src/app/update.rs `STUCK_SAGA_THRESHOLD`:
 * `TimeDelta::minutes(15)`), never the code's constant nor what the check reports about itself;
 * sagas whose age is within a DB round trip of it are not judged (the check reads its clock, then
 * queries). */
export const OMICRON_STUCK_SAGA_THRESHOLD_MS = 15 * 60_000;
export const STUCK_CHECK_SLACK_MS = 1_000;

export function stuckIffOld(sql: Sqlite, nowOf: (node: string) => number): Invariant {
  const thresholdMs = OMICRON_STUCK_SAGA_THRESHOLD_MS;
  return {
    name: 'stuck-iff-old',
    kind: 'safety',
    description: 'a saga is reported stuck iff it is running/unwinding and older than 15 min by the checking Nexus clock',
    onEvent(ev: TraceEvent) {
      if (ev.kind !== 'saga.stuck_check') return undefined;
      const limit = nowOf(ev.node) - thresholdMs;
      const rows = sql.prepare('SELECT id, saga_state, time_created FROM saga').all() as { id: string; saga_state: string; time_created: string }[];
      const open = rows.filter((r) => r.saga_state === 'running' || r.saga_state === 'unwinding');
      const unclear = new Set(open.filter((r) => Math.abs(Date.parse(r.time_created) - limit) <= STUCK_CHECK_SLACK_MS).map((r) => r.id));
      const expected = open
        .filter((r) => Date.parse(r.time_created) < limit && !unclear.has(r.id))
        .map((r) => r.id)
        .sort();
      const got = ev.stuck.filter((id) => !unclear.has(id)).sort();
      if (expected.length > 500) return got.length === 500 ? undefined : `expected the check to stop at 500 sagas, got ${got.length}`;
      if (JSON.stringify(expected) !== JSON.stringify(got)) return `stuck check reported [${got.join(', ')}], table says [${expected.join(', ')}]`;
      return undefined;
    },
  };
}
