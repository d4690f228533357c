// Trace events of sagas: the datastore writes them at the instant a statement takes effect
// (datastore.ts, nexus-zones.ts), the SEC as actions run (saga-run.ts, executor.ts), recovery
// (recovery-task.ts) and blueprint execution's reassignment (reassign.ts).
type Outcome = 'inserted' | 'conflict' | 'fenced';
type StateOutcome = 'updated' | 'rejected' | 'fenced';

export interface SagaEvents {
  /** `incarnation`: the Nexus incarnation whose request inserted the row (it may land after that
   * incarnation crashed: the statement was already sent). */
  'saga.created': { saga: string; sec: string; name: string; incarnation: number };
  'saga.node_event': { saga: string; node_id: number; event_type: string; sec: string; outcome: Outcome };
  'saga.state_written': { saga: string; state: string; sec: string; outcome: StateOutcome };
  'saga.reassigned': { saga: string; from: readonly string[]; sec: string; adopt_generation: number };
  'saga.abandoned': { saga: string; reason: string; sec?: string };
  'saga.sec_store_retry': { saga: string; what: string; attempt: number; delayMs: number; error: string };
  'saga.action_started': { saga: string; node_id: number; name: string; sec: string };
  'saga.action_finished': { saga: string; node_id: number; name: string; sec: string; ok: boolean };
  'saga.lifecycle': { saga: string; state: string; sec: string };
  'saga.stuck_check': { sec: string; now_ms: number; threshold_ms: number; stuck: string[] };
  'saga.recovered': { saga: string; sec: string; adopt_generation: number; log_events: number };
  'saga.recovery_failed': { saga: string; permanent: boolean; message: string };
  'saga.demo_created': { saga: string; demo_saga_id: string; template: string };
  'saga.demo_completed': { demo_saga_id: string };
  'saga_recovery.failed': { message: string; nstarted: number };
  'saga_recovery.plan': { needs_recovery: string[]; skipped_running: string[]; maybe_done: string[]; inferred_done: string[] };
  'blueprint.zone_expunged': { zone: string };
  'blueprint.zone_cleanup_check': { zone: string; ready_for_cleanup: boolean; reason?: string };
  'blueprint.reassign_sagas': { rule: string; from: readonly string[]; orphans_of: readonly string[]; reassigned: number; orphaned: number; needs_saga_recovery: boolean };
}
