// Saga datastore calls (omicron nexus/db-queries/src/db/datastore/saga.rs). Each is one Db step.
// Writes emit a trace event from inside their step, at the instant the statement takes effect
// and through the node's context (not the process), so even a write that lands after its
// process crashed is visible to checkers.
import type { Db, Sqlite } from '../../sim/index.js';
import { iso } from '../db/time.js';
import { SagaFenced, SagaNotOwned, type AbandonReason, type DbSagaState, type NodeEventRow, type NodeEventType, type SagaRow, type StoredDag } from './types.js';

export type { TraceFn } from '../../sim/index.js';
import type { TraceFn } from '../../sim/index.js';

/** Who writes, and (fenced design) under which adoption. */
export interface SecWriter {
  sec: string;
  adoptGeneration: number;
  fenced: boolean;
}

export interface NewSaga {
  id: string;
  creator: string;
  dag: StoredDag;
  /** The creating Nexus incarnation (trace only: the row does not hold it, as in omicron). */
  incarnation: number;
}

export function sagaCreate(db: Db, trace: TraceFn, nowMs: number, s: NewSaga): Promise<void> {
  return db.step('saga_create', (sql) => {
    // New saga: current_sec = creator, adopt_generation = 1, adopt_time = now.
    sql
      .prepare(
        `INSERT INTO saga (id, creator, time_created, name, saga_dag, saga_state, current_sec, adopt_generation, adopt_time)
         VALUES (?, ?, ?, ?, ?, 'running', ?, 1, ?)`,
      )
      .run(s.id, s.creator, iso(nowMs), s.dag.name, JSON.stringify(s.dag), s.creator, iso(nowMs));
    trace('saga.created', { saga: s.id, sec: s.creator, name: s.dag.name, incarnation: s.incarnation });
  });
}

function owns(sql: Sqlite, sagaId: string, w: SecWriter): boolean {
  const row = sql.prepare('SELECT current_sec, adopt_generation FROM saga WHERE id = ?').get(sagaId) as
    | { current_sec: string | null; adopt_generation: number }
    | undefined;
  return row !== undefined && row.current_sec === w.sec && row.adopt_generation === w.adoptGeneration;
}

/**
 * `saga_create_event`: INSERT ... ON CONFLICT DO NOTHING. Omicron's has a TODO: it is *not*
 * conditional on the current SEC (unfenced). The fenced design checks current_sec and
 * adopt_generation in the same statement and raises SagaFenced when they do not match.
 */
export function sagaCreateEvent(
  db: Db,
  trace: TraceFn,
  nowMs: number,
  w: SecWriter,
  e: { sagaId: string; nodeId: number; eventType: NodeEventType; data?: unknown },
): Promise<void> {
  return db.step('saga_create_event', (sql) => {
    const base = { saga: e.sagaId, node_id: e.nodeId, event_type: e.eventType, sec: w.sec };
    if (w.fenced && !owns(sql, e.sagaId, w)) {
      trace('saga.node_event', { ...base, outcome: 'fenced' });
      throw new SagaFenced(e.sagaId, `node event ${e.nodeId}/${e.eventType}`);
    }
    const r = sql
      .prepare(
        `INSERT INTO saga_node_event (saga_id, node_id, event_type, data, event_time, creator)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(e.sagaId, e.nodeId, e.eventType, e.data === undefined ? null : JSON.stringify(e.data), iso(nowMs), w.sec);
    trace('saga.node_event', { ...base, outcome: r.changes > 0 ? 'inserted' : 'conflict' });
  });
}

/**
 * `saga_update_state`: conditional on current_sec (a mismatch is omicron's invalid_request
 * error, which SecStore retries). Fenced also requires the writer's adopt_generation. Like
 * omicron's SagaStateDbFields (treat_none_as_null), a running/unwinding/done update clears the
 * abandon columns: a saga abandoned while its SEC still runs it is quietly un-abandoned.
 */
export function sagaUpdateState(db: Db, trace: TraceFn, w: SecWriter, sagaId: string, state: DbSagaState): Promise<void> {
  return db.step('saga_update_state', (sql) => {
    const set = 'UPDATE saga SET saga_state = ?, abandon_time = NULL, abandon_reason = NULL, abandon_comment = NULL';
    const r = w.fenced
      ? sql.prepare(`${set} WHERE id = ? AND current_sec = ? AND adopt_generation = ?`).run(state, sagaId, w.sec, w.adoptGeneration)
      : sql.prepare(`${set} WHERE id = ? AND current_sec = ?`).run(state, sagaId, w.sec);
    const base = { saga: sagaId, state, sec: w.sec };
    if (r.changes === 0) {
      trace('saga.state_written', { ...base, outcome: w.fenced ? 'fenced' : 'rejected' });
      if (w.fenced) throw new SagaFenced(sagaId, `state update to ${state}`);
      throw new SagaNotOwned(sagaId, w.sec);
    }
    trace('saga.state_written', { ...base, outcome: 'updated' });
  });
}

/** Recovery candidates: running or unwinding sagas assigned to this SEC. */
export function sagaListRecoveryCandidates(db: Db, sec: string): Promise<SagaRow[]> {
  return db.step('saga_list_recovery_candidates', (sql) =>
    sql.prepare(`SELECT * FROM saga WHERE saga_state IN ('running', 'unwinding') AND current_sec = ? ORDER BY id`).all(sec) as SagaRow[],
  );
}

/** `saga_fetch_log_batched` (one batch here). */
export function sagaFetchLog(db: Db, sagaId: string): Promise<NodeEventRow[]> {
  return db.step('saga_fetch_log', (sql) =>
    sql.prepare('SELECT * FROM saga_node_event WHERE saga_id = ? ORDER BY node_id, event_time').all(sagaId) as NodeEventRow[],
  );
}

export function sagaFetch(db: Db, sagaId: string): Promise<SagaRow | undefined> {
  return db.step('saga_fetch', (sql) => sql.prepare('SELECT * FROM saga WHERE id = ?').get(sagaId) as SagaRow | undefined);
}

/**
 * `sagas_reassign_sec`: moves every unfinished saga of the given SECs to `newSec` (unbatched).
 * Omicron's doc warns it is only safe if the old SECs are not running: nothing fences them.
 */
export function sagasReassignSec(db: Db, trace: TraceFn, nowMs: number, from: readonly string[], newSec: string): Promise<number> {
  return db.step('sagas_reassign_sec', (sql) => {
    if (from.length === 0) return 0;
    const marks = from.map(() => '?').join(', ');
    const moved = sql
      .prepare(`SELECT id, adopt_generation FROM saga WHERE current_sec IS NOT NULL AND current_sec IN (${marks}) AND saga_state != 'done' ORDER BY id`)
      .all(...from) as { id: string; adopt_generation: number }[];
    const r = sql
      .prepare(
        `UPDATE saga SET current_sec = ?, adopt_generation = adopt_generation + 1, adopt_time = ?
         WHERE current_sec IS NOT NULL AND current_sec IN (${marks}) AND saga_state != 'done'`,
      )
      .run(newSec, iso(nowMs), ...from);
    for (const m of moved) trace('saga.reassigned', { saga: m.id, from, sec: newSec, adopt_generation: m.adopt_generation + 1 });
    return r.changes;
  });
}

/** `sagas_abandon_orphans`: running/unwinding sagas of expunged SECs of an older generation. */
export function sagasAbandonOrphans(db: Db, trace: TraceFn, nowMs: number, from: readonly string[]): Promise<number> {
  return db.step('sagas_abandon_orphans', (sql) => {
    if (from.length === 0) return 0;
    const marks = from.map(() => '?').join(', ');
    const ids = sql
      .prepare(`SELECT id FROM saga WHERE current_sec IN (${marks}) AND saga_state IN ('running', 'unwinding') ORDER BY id`)
      .all(...from) as { id: string }[];
    const r = sql
      .prepare(
        `UPDATE saga SET saga_state = 'abandoned', abandon_time = ?, abandon_reason = 'orphaned',
           abandon_comment = 'owning Nexus of an older generation was expunged'
         WHERE current_sec IN (${marks}) AND saga_state IN ('running', 'unwinding')`,
      )
      .run(iso(nowMs), ...from);
    for (const { id } of ids) trace('saga.abandoned', { saga: id, reason: 'orphaned' });
    return r.changes;
  });
}

/** Abandons one saga, conditional on current_sec (recovery's `unrecoverable`). */
export function sagaAbandon(
  db: Db,
  trace: TraceFn,
  nowMs: number,
  sec: string,
  sagaId: string,
  reason: AbandonReason,
  comment: string,
): Promise<boolean> {
  return db.step('saga_abandon', (sql) => {
    const r = sql
      .prepare(
        `UPDATE saga SET saga_state = 'abandoned', abandon_time = ?, abandon_reason = ?, abandon_comment = ?
         WHERE id = ? AND current_sec = ? AND saga_state IN ('running', 'unwinding')`,
      )
      .run(iso(nowMs), reason, comment, sagaId, sec);
    if (r.changes > 0) trace('saga.abandoned', { saga: sagaId, reason, sec });
    return r.changes > 0;
  });
}

export const STUCK_SAGA_LIMIT = 500;

/** `saga_list_running_or_unwinding_older_than`: the stuck-saga health check's query. */
export function sagaListRunningOrUnwindingOlderThan(db: Db, limitMs: number, onRows?: (rows: SagaRow[]) => void): Promise<SagaRow[]> {
  return db.step('saga_list_running_or_unwinding_older_than', (sql) => {
    const rows = sql
      .prepare(`SELECT * FROM saga WHERE saga_state IN ('running', 'unwinding') AND time_created < ? ORDER BY time_created, id LIMIT ${STUCK_SAGA_LIMIT}`)
      .all(iso(limitMs)) as SagaRow[];
    onRows?.(rows);
    return rows;
  });
}
